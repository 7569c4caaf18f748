package org.dnsmesh.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Generates an RSA key pair as PEM files, the way the launcher does (PKCS#8 private, X.509 public). */
public final class TestKeys {
  private TestKeys() {}

  public record Files2(Path privateKey, Path publicKey) {}

  public static Files2 write(Path directory) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(directory);
      Path privateKey = directory.resolve("private.pem");
      Path publicKey = directory.resolve("public.pem");
      Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      return new Files2(privateKey, publicKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
