package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The OAuth2 client secrets of the mesh's service principals, generated once per installation (192 random bits)
 * and kept in {@code .mesh/secrets/oauth-clients.properties} (0600): the catalog service authenticates the
 * client-credentials grant against this file, and each service reads its own secret from its private
 * configuration. Services hold a secret, never a long-lived token: the tokens they get live
 * {@code mesh.auth.client-token-lifetime} (1 h) and their clients refresh them.
 */
public final class ServiceCredentials {
  /** Service principals of the access policy that authenticate with client credentials. */
  public static final List<String> CLIENTS = List.of("trino", QualityMonitorProcess.PRINCIPAL);

  private final Path file;

  public ServiceCredentials(StackLayout layout) {
    this.file = layout.oauthClients();
  }

  public Path file() {
    return file;
  }

  /** Creates the secrets that are missing (existing ones stay: running services keep theirs). */
  public Properties ensure() {
    Properties secrets = read();
    boolean changed = false;
    for (String client : CLIENTS) {
      if (secrets.getProperty(client, "").isBlank()) {
        secrets.setProperty(client, randomSecret());
        changed = true;
      }
    }
    if (changed || !Files.exists(file)) {
      StringWriter text = new StringWriter();
      try {
        secrets.store(text, "OAuth2 client secrets of this mesh's services (client id = principal); keep private");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      PrivateFiles.write(file, text.toString());
    }
    PrivateFiles.restrict(file);
    return secrets;
  }

  /** {@code <client>:<secret>}, the form of Iceberg's {@code credential} property. */
  public String credential(String client) {
    String secret = ensure().getProperty(client);
    if (secret == null) {
      throw new StackException("No OAuth2 client secret for '" + client + "' in " + file);
    }
    return client + ":" + secret;
  }

  private Properties read() {
    Properties secrets = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        secrets.load(reader);
      } catch (IOException e) {
        throw new StackException("Cannot read the OAuth2 client secrets " + file + ": " + e.getMessage(), e);
      }
    }
    return secrets;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
