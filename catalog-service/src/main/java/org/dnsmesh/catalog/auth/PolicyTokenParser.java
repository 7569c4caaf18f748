package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Role;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.dnsmesh.catalog.CatalogConfig;
import org.dnsmesh.identity.TokenRejectedException;
import org.dnsmesh.identity.TokenRejectedException.Reason;
import org.dnsmesh.identity.TokenVerifier;
import org.dnsmesh.identity.TrustedIssuer;
import org.dnsmesh.identity.VerifiedToken;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;

/**
 * Replaces SmallRye's token parser for every bearer token of the catalog: the shared {@link TokenVerifier}
 * (mesh key, plus the OIDC issuer of {@code mesh.auth.oidc.issuer}) proves the token, then the access policy
 * names the principal: a mesh token's {@code sub} must be a principal of the policy; an external token acts as
 * the one principal whose {@code idpGroups} contain one of its groups. The resulting identity carries the
 * roles and domains the policy binds, never role claims of the token.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class PolicyTokenParser implements JWTParser {
  private static final Logger LOG = Logger.getLogger(PolicyTokenParser.class);

  private final TokenVerifier verifier;
  private final DevPrincipals principals;

  public PolicyTokenParser(CatalogConfig config, DevPrincipals principals) {
    CatalogConfig.Auth auth = config.auth();
    List<TrustedIssuer> issuers = new ArrayList<>();
    issuers.add(TrustedIssuer.mesh(java.nio.file.Path.of(auth.publicKey())));
    auth.oidc().issuer().filter(issuer -> !issuer.isBlank()).ifPresent(issuer -> issuers.add(TrustedIssuer.oidc(
        issuer, auth.oidc().audience(), auth.oidc().principalClaim(), auth.oidc().groupsClaim())));
    this.verifier = new TokenVerifier(issuers);
    this.principals = principals;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    try {
      VerifiedToken verified = verifier.verify(token);
      Caller caller = resolve(verified);
      JwtClaims claims = new JwtClaims();
      claims.setIssuer(verified.issuer().issuer());
      claims.setSubject(caller.subject());
      claims.setClaim("upn", caller.subject());
      claims.setStringListClaim("groups", caller.roles().stream().map(Role::id).sorted().toList());
      claims.setStringListClaim(Callers.DOMAINS_CLAIM, caller.domains().stream().sorted().toList());
      if (verified.external()) {
        claims.setClaim("external_principal", verified.principal());
      }
      return new DefaultJWTCallerPrincipal(token, "JWT", claims);
    } catch (TokenRejectedException e) {
      LOG.debugf("Refused a bearer token: %s", e.getMessage());
      throw new ParseException(e.getMessage(), e);
    }
  }

  private Caller resolve(VerifiedToken token) {
    if (!token.external()) {
      return principals.resolve(token.principal()).orElseThrow(() -> new TokenRejectedException(
          Reason.UNKNOWN_PRINCIPAL, "the access policy names no principal '" + printable(token.principal()) + "'"));
    }
    Optional<Caller> caller = principals.resolveIdpGroups(token.groups());
    caller.ifPresent(c -> LOG.debugf("%s of %s acts as %s", token.principal(), token.issuer().issuer(), c.subject()));
    return caller.orElseThrow(() -> new TokenRejectedException(Reason.UNKNOWN_PRINCIPAL,
        "no principal of the access policy lists exactly one of the token's groups in idpGroups"));
  }

  private static String printable(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return cut.replaceAll("[^A-Za-z0-9_.@:-]", "?");
  }

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return parse(token);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return parse(token);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    throw unsupported();
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    throw unsupported();
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    throw unsupported();
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    throw unsupported();
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    throw unsupported();
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    throw unsupported();
  }

  private static ParseException unsupported() {
    return new ParseException("Only tokens of the trusted issuers are verified here");
  }
}
