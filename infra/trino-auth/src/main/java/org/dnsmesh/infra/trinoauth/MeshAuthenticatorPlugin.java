package org.dnsmesh.infra.trinoauth;

import io.trino.spi.Plugin;
import io.trino.spi.security.HeaderAuthenticatorFactory;
import io.trino.spi.security.SystemAccessControlFactory;
import java.util.List;

/**
 * Registers the mesh's bearer-token authenticator ({@code header-authenticator.name=dnsmesh-jwt}) and the guard
 * on table procedures ({@code access-control.name=dnsmesh-table-procedures}) with Trino.
 */
public final class MeshAuthenticatorPlugin implements Plugin {
  @Override
  public Iterable<HeaderAuthenticatorFactory> getHeaderAuthenticatorFactories() {
    return List.of(new MeshJwtAuthenticatorFactory());
  }

  @Override
  public Iterable<SystemAccessControlFactory> getSystemAccessControlFactories() {
    return List.of(new TableProcedureGuardFactory());
  }
}
