package org.dnsmesh.infra.trino;

import io.trino.spi.Plugin;
import io.trino.spi.connector.ConnectorFactory;
import java.util.List;

/**
 * The mesh's SQL functions for Trino (listed in META-INF/services so Trino's plugin loader finds it): the masking
 * catalog's connector. No global function: Trino lets everyone execute those (see {@link MaskingConnectorFactory}).
 */
public final class MeshFunctionsPlugin implements Plugin {
  @Override
  public Iterable<ConnectorFactory> getConnectorFactories() {
    return List.of(new MaskingConnectorFactory());
  }
}
