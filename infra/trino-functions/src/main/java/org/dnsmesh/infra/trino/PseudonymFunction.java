package org.dnsmesh.infra.trino;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.function.Description;
import io.trino.spi.function.ScalarFunction;
import io.trino.spi.function.SqlType;
import io.trino.spi.type.StandardTypes;

/**
 * {@code mesh_pseudonym(varchar) -> varchar}: the keyed pseudonym the access policy's {@code hmac_token} mask
 * shows instead of a PII value. Column masks call it by name, so the SQL an analyst can see (EXPLAIN, the
 * query's plan, error messages) names the function, never the key: the key stays in the server's private
 * file ({@link PseudonymKey}).
 */
public final class PseudonymFunction {
  private PseudonymFunction() {}

  @ScalarFunction("mesh_pseudonym")
  @Description("Keyed pseudonym of a value (uppercase hex HMAC-SHA256 with the mesh's private masking key)")
  @SqlType(StandardTypes.VARCHAR)
  public static Slice pseudonym(@SqlType(StandardTypes.VARCHAR) Slice value) {
    return Slices.utf8Slice(PseudonymKey.installed().pseudonym(value.getBytes()));
  }
}
