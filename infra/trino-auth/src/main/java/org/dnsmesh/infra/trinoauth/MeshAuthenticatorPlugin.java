package org.dnsmesh.infra.trinoauth;

import io.trino.spi.Plugin;
import io.trino.spi.security.HeaderAuthenticatorFactory;
import java.util.List;

/** Registers the mesh's bearer-token authenticator with Trino ({@code header-authenticator.name=dnsmesh-jwt}). */
public final class MeshAuthenticatorPlugin implements Plugin {
  @Override
  public Iterable<HeaderAuthenticatorFactory> getHeaderAuthenticatorFactories() {
    return List.of(new MeshJwtAuthenticatorFactory());
  }
}
