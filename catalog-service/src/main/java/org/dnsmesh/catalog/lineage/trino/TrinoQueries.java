package org.dnsmesh.catalog.lineage.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.catalog.auth.TokenService;

/**
 * Asks Trino who ran a query and which tables it read and wrote ({@code GET /v1/query/{id}}), so that the reader
 * named in the lineage graph is what Trino authenticated, not what an event claims: Trino 476's OpenLineage
 * events carry no user at all. The catalog calls as {@link #READER}, an identity the compiled Trino rules allow to
 * view every query and nothing else (it may not run one), with a token it signs for one minute.
 */
@ApplicationScoped
public class TrinoQueries {
  /** Trino user that may view (not run, not kill) every query: the governance compiler grants exactly that. */
  public static final String READER = org.dnsmesh.governance.compile.TrinoRulesCompiler.LINEAGE_READER;
  private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(1);

  private final Optional<URI> trino;
  private final Optional<Path> certificate;
  private final TokenService tokens;
  private final ObjectMapper json;
  private volatile HttpClient client;
  private volatile String token;
  private volatile Instant tokenRenewAt = Instant.EPOCH;

  @Inject
  public TrinoQueries(TrinoLineageConfig config, TokenService tokens, ObjectMapper json) {
    this.trino = config.url().filter(url -> !url.isBlank()).map(URI::create);
    this.certificate = config.certificate().filter(path -> !path.isBlank()).map(Path::of);
    this.tokens = tokens;
    this.json = json;
  }

  /** What Trino knows of a finished query: its user and the tables ({@code catalog.schema.table}) it read and wrote. */
  public record QueryFacts(String user, String state, Set<String> inputs, Set<String> outputs) {}

  /** Trino's URL as the listener renders dataset namespaces ({@code https://h:p} becomes {@code trino://h:p}). */
  public Optional<String> datasetNamespace() {
    return trino.map(uri -> uri.toString().replaceAll("/+$", "").replace(uri.getScheme(), "trino"));
  }

  /** The query, or empty when Trino does not know it (never ran, or expired from its history). */
  public Optional<QueryFacts> find(String queryId) {
    URI base = trino.orElseThrow(() -> new IllegalStateException(
        "Trino's URL is not configured (mesh.lineage.trino.url): query lineage cannot be verified"));
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/query/"
            + URLEncoder.encode(queryId, StandardCharsets.UTF_8)))
        .header("Authorization", "Bearer " + token())
        .timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<String> response;
    try {
      response = client().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Trino at " + base + " did not answer the query lookup: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted looking up a query in Trino", e);
    }
    if (response.statusCode() == 404 || response.statusCode() == 410) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Trino answered " + response.statusCode() + " to the query lookup as "
          + READER + " (are its rules compiled by this mesh?)");
    }
    try {
      JsonNode info = json.readTree(response.body());
      Set<String> inputs = new LinkedHashSet<>();
      for (JsonNode input : info.path("inputs")) {
        inputs.add(table(input));
      }
      Set<String> outputs = new LinkedHashSet<>();
      if (info.path("output").isObject()) {
        outputs.add(table(info.path("output")));
      }
      return Optional.of(new QueryFacts(info.path("session").path("user").asText(), info.path("state").asText(),
          inputs, outputs));
    } catch (IOException e) {
      throw new IllegalStateException("Trino's query info is not JSON: " + e.getMessage(), e);
    }
  }

  private static String table(JsonNode node) {
    return node.path("catalogName").asText() + "." + node.path("schema").asText() + "." + node.path("table").asText();
  }

  private String token() {
    if (Instant.now().isAfter(tokenRenewAt)) {
      synchronized (this) {
        if (Instant.now().isAfter(tokenRenewAt)) {
          token = tokens.mint(new Caller(READER, Set.of(), Set.of()), TOKEN_LIFETIME).token();
          tokenRenewAt = Instant.now().plus(TOKEN_LIFETIME.dividedBy(2));
        }
      }
    }
    return token;
  }

  private HttpClient client() {
    if (client == null) {
      synchronized (this) {
        if (client == null) {
          client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).sslContext(trusting()).build();
        }
      }
    }
    return client;
  }

  /** TLS that trusts Trino's own certificate (and no other when one is configured). */
  private SSLContext trusting() {
    try {
      if (certificate.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream pem = Files.newInputStream(certificate.get())) {
        int i = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
          store.setCertificateEntry("trino-" + i++, certificate);
        }
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read Trino's certificate " + certificate.orElse(null) + ": "
          + e.getMessage(), e);
    }
  }
}
