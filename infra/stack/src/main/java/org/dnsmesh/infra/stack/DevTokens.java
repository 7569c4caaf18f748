package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The mesh's token signing key pair and RS256 JWTs signed with it. The catalog service verifies with the
 * public key (and issues dev tokens with the private one); the stack mints its own service token for Trino
 * so that Trino's catalogs can start before the catalog service answers.
 */
public final class DevTokens {
  public static final String ISSUER = "dnsmesh";

  private final Path privateKeyFile;
  private final Path publicKeyFile;

  public DevTokens(Path privateKeyFile, Path publicKeyFile) {
    this.privateKeyFile = privateKeyFile;
    this.publicKeyFile = publicKeyFile;
  }

  /** Creates the RSA key pair once; later runs keep it so issued tokens stay valid across restarts. */
  public void ensureKeyPair() {
    if (Files.exists(privateKeyFile) && Files.exists(publicKeyFile)) {
      return;
    }
    try {
      Files.createDirectories(privateKeyFile.getParent());
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      writePem(privateKeyFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
      try {
        Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // non-POSIX file system: permissions are the platform's
      }
      writePem(publicKeyFile, "PUBLIC KEY", pair.getPublic().getEncoded());
    } catch (GeneralSecurityException | IOException e) {
      throw new StackException("Could not create the token signing key pair in " + privateKeyFile.getParent()
          + ": " + e.getMessage(), e);
    }
  }

  public String mint(String subject, List<String> groups, List<String> domains, Duration lifetime) {
    Instant now = Instant.now();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":" + quote(subject) + ",\"upn\":" + quote(subject)
        + ",\"groups\":" + array(groups) + ",\"domains\":" + array(domains)
        + ",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
        + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(readPrivateKey());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + base64Url(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new StackException("Could not sign a token with " + privateKeyFile + ": " + e.getMessage(), e);
    }
  }

  private PrivateKey readPrivateKey() throws GeneralSecurityException {
    try {
      String pem = Files.readString(privateKeyFile);
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (IOException e) {
      throw new StackException("Cannot read the token signing key " + privateKeyFile + ": " + e.getMessage(), e);
    }
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String array(List<String> values) {
    return values.stream().map(DevTokens::quote).collect(Collectors.joining(",", "[", "]"));
  }

  private static String quote(String value) {
    if (!value.matches("[A-Za-z0-9_.@:-]*")) {
      throw new IllegalArgumentException("Unsupported characters in token claim: " + value);
    }
    return "\"" + value + "\"";
  }
}
