package org.dnsmesh.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.dnsmesh.identity.TokenRejectedException.Reason;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every forged or out-of-policy token variant is refused with its own reason; a good one passes. */
class TokenVerifierTest {
  @TempDir static Path dir;
  static KeyPair mesh;
  static KeyPair foreign;
  static TokenVerifier verifier;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    mesh = generator.generateKeyPair();
    foreign = generator.generateKeyPair();
    Path pem = dir.resolve("public.pem");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(mesh.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    verifier = new TokenVerifier(List.of(TrustedIssuer.mesh(pem)));
  }

  static JwtClaims claims(String subject, long expiresInSeconds) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer("dnsmesh");
    claims.setSubject(subject);
    claims.setIssuedAtToNow();
    claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + expiresInSeconds));
    return claims;
  }

  static String sign(JwtClaims claims, java.security.Key key, String alg) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmHeaderValue(alg);
    if (key != null) {
      jws.setKey(key);
    } else {
      jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
    }
    return jws.getCompactSerialization();
  }

  static Reason reasonOf(String token) {
    try {
      verifier.verify(token);
      throw new AssertionError("accepted");
    } catch (TokenRejectedException e) {
      assertThat(e.getMessage()).doesNotContain(token == null ? "\u0000" : token);
      return e.reason();
    }
  }

  @Test
  void aTokenSignedByTheMeshKeyWithExpPasses() throws Exception {
    JwtClaims claims = claims("ana", 600);
    claims.setStringListClaim("groups", "admin");
    VerifiedToken token = verifier.verify(sign(claims, mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256));
    assertThat(token.principal()).isEqualTo("ana");
    assertThat(token.groups()).containsExactly("admin");
    assertThat(token.external()).isFalse();
  }

  @Test
  void forgedAndOutOfPolicyTokensAreRefusedWithTheirReason() throws Exception {
    assertThat(reasonOf(null)).isEqualTo(Reason.MISSING_TOKEN);
    assertThat(reasonOf("not-a-jwt")).isEqualTo(Reason.MALFORMED);
    assertThat(reasonOf(sign(claims("root", 600), null, AlgorithmIdentifiers.NONE))).as("alg none")
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(reasonOf(sign(claims("root", 600), new HmacKey(publicPem()), AlgorithmIdentifiers.HMAC_SHA256)))
        .as("HS256 keyed with the public key").isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(reasonOf(sign(claims("root", 600), foreign.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256)))
        .as("foreign key").isEqualTo(Reason.BAD_SIGNATURE);
    JwtClaims expired = claims("root", -120);
    expired.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
    assertThat(reasonOf(sign(expired, mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256)))
        .as("expired beyond the skew").isEqualTo(Reason.EXPIRED);
    JwtClaims noExp = claims("root", 600);
    noExp.unsetClaim("exp");
    assertThat(reasonOf(sign(noExp, mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256))).as("no exp")
        .isEqualTo(Reason.NO_EXPIRY);
    assertThat(reasonOf(sign(claims("root", 40L * 24 * 3600), mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256)))
        .as("40 days").isEqualTo(Reason.LIFETIME_TOO_LONG);
    JwtClaims otherIssuer = claims("root", 600);
    otherIssuer.setIssuer("https://evil.example");
    assertThat(reasonOf(sign(otherIssuer, mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256)))
        .isEqualTo(Reason.UNKNOWN_ISSUER);
    JwtClaims noSubject = claims("root", 600);
    noSubject.unsetClaim("sub");
    assertThat(reasonOf(sign(noSubject, mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256)))
        .isEqualTo(Reason.UNKNOWN_PRINCIPAL);
  }

  @Test
  void withinTheClockSkewAnExpiredTokenStillPasses() throws Exception {
    JwtClaims claims = claims("ana", -10);
    claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
    assertThat(verifier.verify(sign(claims, mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256)).principal())
        .isEqualTo("ana");
  }

  /** The principal and groups come from the claims the issuer is configured with, never from sub or groups. */
  @Test
  void thePrincipalAndGroupsComeFromTheIssuersConfiguredClaims() throws Exception {
    String issuer = "https://idp.example/realms/mesh";
    TokenVerifier idp = new TokenVerifier(List.of(new TrustedIssuer(issuer, java.util.Optional.of("dnsmesh"),
        java.util.Optional.of(dir.resolve("public.pem")), "email", "teams", TrustedIssuer.EXTERNAL_MAX_LIFETIME)));
    JwtClaims claims = claims("f:1234", 600);
    claims.setIssuer(issuer);
    claims.setAudience("dnsmesh");
    claims.setClaim("email", "eva@eu.example");
    claims.setStringListClaim("teams", "eu-analyst");
    claims.setStringListClaim("groups", "admin");
    VerifiedToken token = idp.verify(sign(claims, mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256));
    assertThat(token.principal()).isEqualTo("eva@eu.example");
    assertThat(token.groups()).as("the configured groups claim only").containsExactly("eu-analyst");
    claims.unsetClaim("email");
    String withoutEmail = sign(claims, mesh.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256);
    assertThatThrownBy(() -> idp.verify(withoutEmail)).as("sub does not stand in for the configured claim")
        .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PRINCIPAL));
  }

  @Test
  void anExternalIssuerNeedsAnAudience() {
    assertThatThrownBy(() -> new TrustedIssuer("https://idp.example", java.util.Optional.empty(),
        java.util.Optional.empty(), "sub", "groups", TrustedIssuer.EXTERNAL_MAX_LIFETIME))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TrustedIssuer.oidc("https://idp.example", "dnsmesh", "preferred_username", "groups").maxLifetime())
        .isEqualTo(java.time.Duration.ofHours(12));
  }

  private static byte[] publicPem() throws Exception {
    return Files.readAllBytes(dir.resolve("public.pem"));
  }
}
