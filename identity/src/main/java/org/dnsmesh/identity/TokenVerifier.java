package org.dnsmesh.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;
import org.dnsmesh.identity.TokenRejectedException.Reason;

/**
 * Verifies bearer tokens against the trusted issuers, the same way at every door: asymmetric signatures only
 * (RS/PS/ES 256-512: never {@code none}, never HMAC, so a public key can't be used as a shared secret), the
 * issuer's own key, {@code exp} required and at most the issuer's {@link TrustedIssuer#maxLifetime()} away, {@link #CLOCK_SKEW} of slack,
 * the audience of an external issuer. The issuer is looked up from the unverified {@code iss} only to pick
 * which key must have signed the token.
 */
public final class TokenVerifier {
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private static final String[] ASYMMETRIC = {
      AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
      AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
      AlgorithmIdentifiers.RSA_PSS_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
      AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512};
  private static final JwtConsumer PEEK = new JwtConsumerBuilder()
      .setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification().build();

  private record Trust(TrustedIssuer issuer, JwtConsumer consumer) {}

  private final Map<String, Trust> trusted = new LinkedHashMap<>();

  public TokenVerifier(List<TrustedIssuer> issuers) {
    for (TrustedIssuer issuer : issuers) {
      trusted.put(issuer.issuer(), new Trust(issuer, consumer(issuer)));
    }
  }

  public List<TrustedIssuer> issuers() {
    return trusted.values().stream().map(Trust::issuer).toList();
  }

  public VerifiedToken verify(String token) {
    if (token == null || token.isBlank()) {
      throw new TokenRejectedException(Reason.MISSING_TOKEN, "send Authorization: Bearer <JWT>");
    }
    String issuer;
    try {
      issuer = PEEK.processToClaims(token).getIssuer();
    } catch (InvalidJwtException | MalformedClaimException e) {
      throw new TokenRejectedException(Reason.MALFORMED, "not a signed JWT (header.payload.signature)");
    }
    Trust trust = issuer == null ? null : trusted.get(issuer);
    if (trust == null) {
      throw new TokenRejectedException(Reason.UNKNOWN_ISSUER, "tokens of this issuer are not accepted here; trusted: "
          + String.join(", ", trusted.keySet()));
    }
    JwtClaims claims;
    try {
      claims = trust.consumer().processToClaims(token);
    } catch (InvalidJwtException e) {
      throw rejection(e, trust.issuer());
    }
    try {
      checkLifetime(claims, trust.issuer().maxLifetime());
      String principal = claims.getClaimValueAsString(trust.issuer().principalClaim());
      if (principal == null || principal.isBlank()) {
        throw new TokenRejectedException(Reason.UNKNOWN_PRINCIPAL,
            "the token has no '" + trust.issuer().principalClaim() + "' claim naming the principal");
      }
      return new VerifiedToken(trust.issuer(), principal, groups(claims, trust.issuer().groupsClaim()));
    } catch (MalformedClaimException e) {
      throw new TokenRejectedException(Reason.MALFORMED, "a claim has the wrong type: " + e.getMessage());
    }
  }

  private static void checkLifetime(JwtClaims claims, Duration maxLifetime) throws MalformedClaimException {
    NumericDate expiry = claims.getExpirationTime();
    long now = NumericDate.now().getValue();
    long maximum = maxLifetime.plus(CLOCK_SKEW).toSeconds();
    if (expiry.getValue() - now > maximum) {
      throw new TokenRejectedException(Reason.LIFETIME_TOO_LONG, "exp is more than " + maxLifetime.toHours()
          + " h away; ask for a shorter-lived token");
    }
    NumericDate issuedAt = claims.getIssuedAt();
    if (issuedAt != null && expiry.getValue() - issuedAt.getValue() > maxLifetime.toSeconds()) {
      throw new TokenRejectedException(Reason.LIFETIME_TOO_LONG, "exp - iat exceeds " + maxLifetime.toHours() + " h");
    }
  }

  private static List<String> groups(JwtClaims claims, String claim) throws MalformedClaimException {
    if (!claims.hasClaim(claim)) {
      return List.of();
    }
    Object value = claims.getClaimValue(claim);
    if (value instanceof String single) {
      return List.of(single);
    }
    return new ArrayList<>(claims.getStringListClaimValue(claim));
  }

  private static TokenRejectedException rejection(InvalidJwtException e, TrustedIssuer issuer) {
    if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
      return new TokenRejectedException(Reason.NO_EXPIRY, "every token must carry exp (at most "
          + issuer.maxLifetime().toHours() + " h ahead)");
    }
    if (e.hasExpired()) {
      return new TokenRejectedException(Reason.EXPIRED, "exp has passed; get a new token");
    }
    if (e.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)) {
      return new TokenRejectedException(Reason.LIFETIME_TOO_LONG, "exp is more than "
          + issuer.maxLifetime().toHours() + " h away");
    }
    if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
      return new TokenRejectedException(Reason.WRONG_AUDIENCE, "the token is not meant for "
          + issuer.audience().orElse("this service"));
    }
    if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
      return new TokenRejectedException(Reason.MALFORMED, "the token is not valid yet (nbf/iat in the future)");
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IssuerUnavailableException unavailable) {
        return new TokenRejectedException(Reason.ISSUER_UNAVAILABLE, unavailable.getMessage());
      }
    }
    boolean signature = e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING);
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      signature |= cause instanceof InvalidAlgorithmException || cause instanceof UnresolvableKeyException;
    }
    if (signature) {
      // signature invalid or missing, alg none or symmetric, unknown key id: all mean "not signed by the issuer"
      return new TokenRejectedException(Reason.BAD_SIGNATURE, "not signed by a key of " + issuer.issuer()
          + " with an allowed algorithm (" + String.join(", ", ASYMMETRIC) + ")");
    }
    return new TokenRejectedException(Reason.MALFORMED, "the token's claims are inconsistent or of the wrong type"
        + " (e.g. exp before iat)");
  }

  private static JwtConsumer consumer(TrustedIssuer issuer) {
    JwtConsumerBuilder builder = new JwtConsumerBuilder()
        .setRequireExpirationTime()
        .setAllowedClockSkewInSeconds((int) CLOCK_SKEW.toSeconds())
        .setExpectedIssuer(issuer.issuer())
        .setJwsAlgorithmConstraints(ConstraintType.PERMIT, ASYMMETRIC);
    issuer.audience().ifPresentOrElse(builder::setExpectedAudience, builder::setSkipDefaultAudienceValidation);
    if (issuer.publicKeyPem().isPresent()) {
      builder.setVerificationKey(readPublicKey(issuer));
    } else {
      builder.setVerificationKeyResolver(new OidcKeys(issuer.issuer()));
    }
    return builder.build();
  }

  private static PublicKey readPublicKey(TrustedIssuer issuer) {
    try {
      String pem = Files.readString(issuer.publicKeyPem().orElseThrow());
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("Cannot read the public key (X.509 PEM) of issuer " + issuer.issuer() + " from "
          + issuer.publicKeyPem().orElseThrow() + ": " + e.getMessage(), e);
    }
  }

  /** The issuer could not be reached to fetch its keys: a refusal, but one that says so. */
  static final class IssuerUnavailableException extends UnresolvableKeyException {
    IssuerUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Resolver interface re-exported for {@link OidcKeys}. */
  interface KeyResolver extends VerificationKeyResolver {}
}
