package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.dnsmesh.governance.compile.TrinoRulesCompiler;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.PolicyFileException;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.StaticTableClassifications;

/**
 * What makes identity in Trino verified rather than claimed: a self-signed TLS certificate (Trino's JWT
 * authenticator only works over HTTPS), the internal shared secret, JWT verification with the mesh's public
 * key, and the file-based access-control rules compiled by governance from the policy and the tables'
 * column classifications (masks, row filters, grants; everything else denied).
 */
public final class TrinoSecurity {
  private final StackConfig config;
  private final StackLayout layout;

  public TrinoSecurity(StackConfig config) {
    this.config = config;
    this.layout = config.layout();
  }

  /** Creates the key store, certificate and secrets once; later starts reuse them. */
  public Properties ensureSecrets() {
    Properties secrets = new Properties();
    try {
      PrivateFiles.directory(layout.secrets());
      if (Files.exists(layout.trinoSecrets())) {
        try (Reader reader = Files.newBufferedReader(layout.trinoSecrets())) {
          secrets.load(reader);
        }
      }
      if (!secrets.containsKey("keystore-password") || !Files.exists(layout.trinoKeyStore())
          || !Files.exists(layout.trinoCertificate())) {
        secrets.setProperty("keystore-password", randomHex(16));
        createCertificate(secrets.getProperty("keystore-password"));
      }
      secrets.putIfAbsent("internal-shared-secret", randomHex(32));
      secrets.putIfAbsent("masking-key", randomHex(32));
      StringWriter text = new StringWriter();
      secrets.store(text, "Trino TLS and internal secrets and the masking key of this mesh; keep private");
      PrivateFiles.write(layout.trinoSecrets(), text.toString());
      return secrets;
    } catch (IOException e) {
      throw new StackException("Cannot create Trino's secrets in " + layout.secrets() + ": " + e.getMessage(), e);
    }
  }

  private void createCertificate(String password) throws IOException {
    Files.deleteIfExists(layout.trinoKeyStore());
    String keytool = config.javaHome().resolve("bin/keytool").toString();
    run(List.of(keytool, "-genkeypair", "-alias", "trino", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "3650", "-dname", "CN=localhost, O=DNS Data Mesh", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", layout.trinoKeyStore().toString(), "-storepass", password,
        "-keypass", password));
    run(List.of(keytool, "-exportcert", "-rfc", "-alias", "trino", "-keystore", layout.trinoKeyStore().toString(),
        "-storepass", password, "-file", layout.trinoCertificate().toString()));
    PrivateFiles.restrict(layout.trinoKeyStore());
  }

  /**
   * Compiles policy + classifications into Trino's rules file (written atomically: Trino re-reads it). The masks
   * hold no key: keyed pseudonyms are {@code mesh.masking.pseudonym(...)}, whose key Trino reads from the secrets file.
   */
  public Path writeRules() {
    try {
      AccessPolicy policy = PolicyLoader.load(config.policyFile());
      StaticTableClassifications tables = PolicyLoader.loadTables(config.policyTablesFile());
      TrinoRulesCompiler compiler = new TrinoRulesCompiler(new MaskExpressions());
      compiler.writeTo(compiler.compile(policy, tables), layout.trinoRules());
      PrivateFiles.restrict(layout.trinoRules());
      return layout.trinoRules();
    } catch (PolicyFileException e) {
      throw new StackException("The access policy cannot be compiled for Trino: " + e.getMessage(), e);
    }
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new StackException("keytool failed creating Trino's TLS certificate: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while creating Trino's TLS certificate");
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
