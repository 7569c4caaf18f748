package org.dnsmesh.infra.trinoauth;

import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemAccessControlFactory;
import java.nio.file.Path;
import java.util.Map;

/** {@code access-control.name=dnsmesh-table-procedures} with {@code security.config-file=<rules.json>}. */
public final class TableProcedureGuardFactory implements SystemAccessControlFactory {
  public static final String NAME = "dnsmesh-table-procedures";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public SystemAccessControl create(Map<String, String> config, SystemAccessControlContext context) {
    String rules = config.get("security.config-file");
    if (rules == null || rules.isBlank()) {
      throw new IllegalArgumentException(NAME + " needs security.config-file (the compiled rules.json)");
    }
    return new TableProcedureGuard(new OwnershipRules(Path.of(rules)));
  }
}
