package org.dnsmesh.infra.trino;

import io.trino.spi.Plugin;
import java.util.Set;

/** The mesh's SQL functions for Trino; listed in META-INF/services so Trino's plugin loader finds it. */
public final class MeshFunctionsPlugin implements Plugin {
  @Override
  public Set<Class<?>> getFunctions() {
    return Set.of(PseudonymFunction.class);
  }
}
