package org.dnsmesh.catalog.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.dnsmesh.catalog.CatalogConfig;
import org.jboss.logging.Logger;

/**
 * The one-time secret the dev login must present (written 0600 and printed by {@code mesh up --dev-login}).
 * Read once at the first attempt; spent by the first correct presentation, so a leaked terminal scroll-back
 * is worth nothing afterwards. Comparison in constant time.
 */
@ApplicationScoped
public class BootstrapSecret {
  private static final Logger LOG = Logger.getLogger(BootstrapSecret.class);
  private static final int MINIMUM_LENGTH = 32;

  /** Outcome of presenting a secret. */
  public enum Check { ACCEPTED, WRONG, SPENT, NOT_CONFIGURED }

  private final java.util.Optional<String> file;
  private byte[] secret;
  private boolean loaded;
  private boolean spent;

  public BootstrapSecret(CatalogConfig config) {
    this.file = config.auth().bootstrapSecretFile().filter(f -> !f.isBlank());
  }

  /** Whether this is the secret (still unspent); does not spend it. */
  public synchronized Check check(String presented) {
    load();
    if (spent) {
      return Check.SPENT;
    }
    if (secret == null) {
      return Check.NOT_CONFIGURED;
    }
    byte[] given = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(secret, given) ? Check.ACCEPTED : Check.WRONG;
  }

  /** Spends the secret after {@link #check} accepted it; false when another request spent it first. */
  public synchronized boolean spend() {
    if (spent || secret == null) {
      return false;
    }
    spent = true;
    secret = null;
    LOG.info("The one-time bootstrap secret was used for a dev login; further dev logins are refused");
    return true;
  }

  private void load() {
    if (loaded) {
      return;
    }
    loaded = true;
    if (file.isEmpty()) {
      return;
    }
    try {
      String value = Files.readString(Path.of(file.get())).strip();
      if (value.length() < MINIMUM_LENGTH) {
        LOG.warnf("Bootstrap secret in %s is shorter than %d characters; the dev login stays closed", file.get(),
            MINIMUM_LENGTH);
        return;
      }
      secret = value.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warnf("Cannot read the bootstrap secret file %s (%s); the dev login stays closed", file.get(), e.getMessage());
    }
  }
}
