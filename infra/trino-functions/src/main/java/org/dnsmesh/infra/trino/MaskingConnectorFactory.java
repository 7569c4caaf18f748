package org.dnsmesh.infra.trino;

import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import java.util.Map;

/**
 * {@code connector.name=dnsmesh_masking}: a catalog (the mesh names it {@value #CATALOG}) with no tables and one
 * function, {@code mesh.masking.pseudonym(varchar)}. The keyed pseudonym lives in a catalog rather than among the
 * global functions because Trino lets every user execute a global ({@code system.builtin}) function and no access
 * control can refuse it: as a global function, any analyst could pseudonymise guessed values and match them against
 * a masked column (a re-identification oracle). A catalog function is checked: the compiled rules let only the masks'
 * evaluation identity ({@code mask_environment.user}) execute it.
 */
public final class MaskingConnectorFactory implements ConnectorFactory {
  public static final String NAME = "dnsmesh_masking";
  public static final String CATALOG = "mesh";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public Connector create(String catalogName, Map<String, String> config, ConnectorContext context) {
    if (!config.isEmpty()) {
      throw new IllegalArgumentException("the " + NAME + " connector takes no settings, got " + config.keySet());
    }
    return new MaskingConnector();
  }
}
