package org.dnsmesh.catalog.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.dnsmesh.catalog.CatalogConfig;
import org.jboss.logging.Logger;

/**
 * The OAuth2 clients of the client-credentials grant ({@code POST /iceberg/v1/oauth/tokens}): service principals
 * of the access policy (Trino, the quality monitor, pipelines), each with a secret generated per installation.
 * The secrets live in a properties file ({@code <client id>=<secret>}) set by {@code mesh.auth.client-secrets-file};
 * without that file no client authenticates: there is no default secret.
 *
 * <p>Like ssh with its keys, a file readable by group or others is refused: a secret others can read is no
 * credential. The file is re-read when it changes, so secrets rotate without a restart.
 */
@ApplicationScoped
public class ServiceClients {
  private static final Logger LOG = Logger.getLogger(ServiceClients.class);
  private static final Set<PosixFilePermission> OPEN = Set.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private final Optional<Path> file;
  private volatile Loaded loaded = new Loaded(null, Map.of());

  @Inject
  public ServiceClients(CatalogConfig config) {
    this(config.auth().clientSecretsFile().map(Path::of));
  }

  ServiceClients(Optional<Path> file) {
    this.file = file;
  }

  private record Loaded(FileTime modified, Map<String, byte[]> digests) {}

  /** Whether the id names a client of this installation and the secret is its secret (constant-time compare). */
  public boolean authenticate(String clientId, String secret) {
    if (clientId == null || secret == null || clientId.isEmpty() || secret.isEmpty()) {
      return false;
    }
    byte[] expected = current().get(clientId);
    return expected != null && MessageDigest.isEqual(expected, sha256(secret));
  }

  /** Client id and secret from an HTTP Basic authorization header, if it is one. */
  public static Optional<Map.Entry<String, String>> basicCredentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? Optional.empty()
          : Optional.of(Map.entry(decoded.substring(0, colon), decoded.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Map<String, byte[]> current() {
    if (file.isEmpty()) {
      return Map.of();
    }
    Path path = file.get();
    try {
      FileTime modified = Files.getLastModifiedTime(path);
      Loaded now = loaded;
      if (modified.equals(now.modified())) {
        return now.digests();
      }
      synchronized (this) {
        if (!modified.equals(loaded.modified())) {
          loaded = new Loaded(modified, read(path));
        }
        return loaded.digests();
      }
    } catch (IOException | RuntimeException e) {
      LOG.errorf("OAuth2 client secrets unreadable at %s (%s): no client authenticates", path, e.getMessage());
      return Map.of();
    }
  }

  private static Map<String, byte[]> read(Path path) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      if (permissions.stream().anyMatch(OPEN::contains)) {
        throw new IOException("readable or writable by group or others (chmod 600 it)");
      }
    } catch (UnsupportedOperationException ignored) {
      // non-POSIX file system: the platform's permissions apply
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path)) {
      properties.load(reader);
    }
    Map<String, byte[]> digests = new HashMap<>();
    for (String client : properties.stringPropertyNames()) {
      String secret = properties.getProperty(client);
      if (!secret.isBlank()) {
        digests.put(client, sha256(secret));
      }
    }
    LOG.infof("%d OAuth2 client(s) from %s", digests.size(), path);
    return Map.copyOf(digests);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
