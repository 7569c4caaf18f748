package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {
  @TempDir Path dir;

  @Test
  void tokensVerifyWithThePublishedPublicKey() throws Exception {
    DevTokens tokens = new DevTokens(dir.resolve("private.pem"), dir.resolve("public.pem"));
    tokens.ensureKeyPair();
    String jwt = tokens.mint("publisher-na", List.of("publisher"), List.of("na"), Duration.ofHours(1));

    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(payload).contains("\"iss\":\"dnsmesh\"", "\"sub\":\"publisher-na\"", "\"groups\":[\"publisher\"]",
        "\"domains\":[\"na\"]");

    String pem = Files.readString(dir.resolve("public.pem"));
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
        Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(key);
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void keyPairIsKeptAcrossRuns() throws Exception {
    DevTokens tokens = new DevTokens(dir.resolve("private.pem"), dir.resolve("public.pem"));
    tokens.ensureKeyPair();
    String first = Files.readString(dir.resolve("public.pem"));
    tokens.ensureKeyPair();
    assertThat(Files.readString(dir.resolve("public.pem"))).isEqualTo(first);
  }
}
