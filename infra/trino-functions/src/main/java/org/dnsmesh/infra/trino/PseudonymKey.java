package org.dnsmesh.infra.trino;

import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The masking key and the HMAC over it. The value equals Trino's
 * {@code to_hex(hmac_sha256(to_utf8(value), to_utf8(key)))} (and governance's {@code ValueMasker}), so
 * pseudonyms stay what they were when the key was a literal in the mask SQL.
 *
 * <p>The key comes from the {@code masking-key} entry of the properties file named by the JVM setting
 * {@value #KEY_FILE_SETTING} (mesh up points it at the 0600 secrets file). Without it every call fails: a
 * mask that cannot pseudonymise must not fall back to anything readable.
 */
public final class PseudonymKey {
  public static final String KEY_FILE_SETTING = "mesh.pseudonym.key-file";
  static final String KEY_PROPERTY = "masking-key";
  private static volatile PseudonymKey installed;

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  PseudonymKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("empty masking key");
    }
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** The key of this server, read once on first use. */
  static PseudonymKey installed() {
    PseudonymKey current = installed;
    if (current == null) {
      synchronized (PseudonymKey.class) {
        current = installed;
        if (current == null) {
          current = load(System.getProperty(KEY_FILE_SETTING));
          installed = current;
        }
      }
    }
    return current;
  }

  static PseudonymKey load(String file) {
    if (file == null || file.isBlank()) {
      throw new TrinoException(StandardErrorCode.CONFIGURATION_INVALID, "mesh.masking.pseudonym has no key: start Trino "
          + "with -D" + KEY_FILE_SETTING + "=<properties file with " + KEY_PROPERTY + ">");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file))) {
      properties.load(reader);
    } catch (IOException e) {
      // the message names the file, never its content
      throw new TrinoException(StandardErrorCode.CONFIGURATION_INVALID,
          "mesh.masking.pseudonym cannot read its key file " + file + ": " + e.getClass().getSimpleName());
    }
    String key = properties.getProperty(KEY_PROPERTY);
    if (key == null || key.isEmpty()) {
      throw new TrinoException(StandardErrorCode.CONFIGURATION_INVALID,
          "mesh.masking.pseudonym's key file " + file + " has no " + KEY_PROPERTY);
    }
    return new PseudonymKey(key);
  }

  /** Uppercase hex HMAC-SHA256 of the value's bytes. */
  String pseudonym(byte[] value) {
    return HexFormat.of().withUpperCase().formatHex(macs.get().doFinal(value));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
