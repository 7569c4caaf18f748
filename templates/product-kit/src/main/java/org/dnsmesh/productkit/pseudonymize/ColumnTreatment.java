package org.dnsmesh.productkit.pseudonymize;

import java.util.Objects;

/** One rule: take {@code source}, apply {@code treatment}, write {@code target} (same name when replacing in place). */
public record ColumnTreatment(String source, String target, Treatment treatment) {

  public ColumnTreatment {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(treatment, "treatment");
  }

  public static ColumnTreatment inPlace(String column, Treatment treatment) {
    return new ColumnTreatment(column, column, treatment);
  }

  /** Name of the key-id column written beside an HMAC target. */
  public String keyIdColumn() {
    return target + "_key_id";
  }
}
