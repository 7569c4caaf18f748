package org.dnsmesh.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskExpressionsTest {
  @Test
  void keyedPseudonymsCallTheServerSideFunctionAndCarryNoKey() {
    MaskExpressions expressions = new MaskExpressions();
    ColumnInfo email = new ColumnInfo("registrant_email", "varchar(120)", Classification.PII, java.util.Set.of());
    assertThat(expressions.render(MaskFunction.HMAC_TOKEN, email))
        .isEqualTo("CAST(mesh.masking.pseudonym(registrant_email) AS varchar(120))");
  }
}
