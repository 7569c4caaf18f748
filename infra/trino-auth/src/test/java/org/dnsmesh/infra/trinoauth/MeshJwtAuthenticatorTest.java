package org.dnsmesh.infra.trinoauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.HeaderAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin as Trino loads it: a mesh token with exp authenticates its subject; without exp it is refused. */
class MeshJwtAuthenticatorTest {
  @TempDir static Path dir;
  static KeyPair mesh;
  static HeaderAuthenticator authenticator;

  @BeforeAll
  static void setUp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    mesh = generator.generateKeyPair();
    Path pem = dir.resolve("public.pem");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(mesh.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    Path groups = dir.resolve("idp-groups.properties");
    Files.writeString(groups, "eu-analyst=ana\n");
    authenticator = new MeshAuthenticatorPlugin().getHeaderAuthenticatorFactories().iterator().next()
        .create(Map.of("dnsmesh.mesh-public-key", pem.toString(), "dnsmesh.idp-groups-file", groups.toString()));
  }

  static String token(boolean withExp) throws Exception {
    return token(withExp, "ana");
  }

  static String token(boolean withExp, String subject) throws Exception {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer("dnsmesh");
    claims.setSubject(subject);
    claims.setIssuedAtToNow();
    if (withExp) {
      claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setKey(mesh.getPrivate());
    return jws.getCompactSerialization();
  }

  static HeaderAuthenticator.Headers bearer(String token) {
    return name -> name.equals("Authorization") && token != null ? List.of("Bearer " + token) : null;
  }

  @Test
  void aMeshTokenWithExpAuthenticatesItsSubject() throws Exception {
    assertThat(authenticator.createAuthenticatedPrincipal(bearer(token(true))).getName()).isEqualTo("ana");
  }

  /** The masks' evaluation identity may read every masked column and compute pseudonyms: no token may name it. */
  @Test
  void aCorrectlySignedTokenForTheMaskingIdentityIsRefused() throws Exception {
    assertThatThrownBy(() -> authenticator.createAuthenticatedPrincipal(bearer(token(true, "mesh-masking"))))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("never a user");
  }

  @Test
  void aTokenWithoutExpOrWithoutTokenIsRefusedWithTheReason() throws Exception {
    assertThatThrownBy(() -> authenticator.createAuthenticatedPrincipal(bearer(token(false))))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("token without exp");
    assertThatThrownBy(() -> authenticator.createAuthenticatedPrincipal(bearer(null)))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("missing token");
  }

  @Test
  void groupsMapThroughThePolicyFileOnly() {
    IdpGroups groups = new IdpGroups(java.util.Optional.of(dir.resolve("idp-groups.properties")));
    assertThat(groups.principalFor(List.of("eu-analyst", "other"))).contains("ana");
    assertThat(groups.principalFor(List.of("admin"))).isEmpty();
  }
}
