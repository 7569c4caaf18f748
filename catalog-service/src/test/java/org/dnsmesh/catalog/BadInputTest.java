package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 6, one named case per finding: each malformed request that used to answer 500 (or run
 * the heap out, or answer an empty 4xx) now answers a 4xx whose body says what and where, and leaves the
 * catalog as it was.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class BadInputTest {
  private static final String SCHEMA = "{\"type\":\"struct\",\"schema-id\":0,\"fields\":["
      + "{\"id\":1,\"name\":\"query_name\",\"required\":true,\"type\":\"string\"}]}";

  @TestHTTPResource("/")
  URL base;

  @ConfigProperty(name = "mesh.warehouse.root")
  String warehouseRoot;

  private String token;
  private String namespace;
  private String tablePath;

  @BeforeEach
  void createTable() {
    token = DevTokens.of("publisher-na");
    namespace = "bad" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(token).contentType("application/json").body("{\"namespace\":[\"" + namespace + "\"]}")
        .when().post("/iceberg/v1/na/namespaces").then().statusCode(200);
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"name\":\"t\",\"schema\":" + SCHEMA + ",\"properties\":{\"format-version\":\"2\"}}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/tables").then().statusCode(200);
    tablePath = "/iceberg/v1/na/namespaces/" + namespace + "/tables/t";
  }

  @Test
  void nulByteInANamespaceIsRefusedWithoutQuotingSql() {
    createNamespace("[\"a\\u0000b\"]").statusCode(400)
        .body("error.message", allOf(containsString("NUL"), not(containsString("INSERT")),
            not(containsString("SELECT"))));
    given().urlEncodingEnabled(false).auth().oauth2(token).when().get("/iceberg/v1/na/namespaces/a%00b").then()
        .statusCode(400).body("error.message", containsString("NUL"));
    given().urlEncodingEnabled(false).auth().oauth2(token)
        .when().get("/iceberg/v1/na/namespaces/" + namespace + "/tables/x%00y").then()
        .statusCode(400).body("error.message", containsString("NUL"));
    given().urlEncodingEnabled(false).auth().oauth2(token).contentType("application/json")
        .body("{\"updates\":{\"k\\u0000\":\"v\"}}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/properties").then()
        .statusCode(400).body("error.message", allOf(containsString("NUL"), not(containsString("INSERT"))));
  }

  @Test
  void namespaceLevelOver255CharactersIsRefused() {
    createNamespace("[\"" + "n".repeat(256) + "\"]").statusCode(400)
        .body("error.message", containsString("Namespace level"));
    createNamespace("[" + IntStream.range(0, 12).mapToObj(i -> "\"" + "m".repeat(30) + "\"")
        .collect(Collectors.joining(",")) + "]").statusCode(400)
        .body("error.message", containsString("at most 255"));
  }

  @Test
  void tableNameTooLongForTheFileSystemIsRefusedWithoutAServerPath() {
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"name\":\"" + "t".repeat(250) + "\",\"schema\":" + SCHEMA + "}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/tables").then()
        .statusCode(400)
        .body("error.message", allOf(containsString("Table or view name"), containsString("bytes"),
            not(containsString(warehouseRoot))));
  }

  @Test
  void dotOrUnitSeparatorInsideANamespaceLevelIsRefused() {
    createNamespace("[\"a.b\"]").statusCode(400).body("error.message", containsString("contains '.'"));
    createNamespace("[\"a\\u001fb\"]").statusCode(400).body("error.message", containsString("U+001F"));
    // two levels sent the documented way still work, and can be dropped again
    createNamespace("[\"" + namespace + "\",\"child\"]").statusCode(200);
    given().urlEncodingEnabled(false).auth().oauth2(token)
        .when().delete("/iceberg/v1/na/namespaces/" + namespace + "%1Fchild").then()
        .statusCode(204);
  }

  @Test
  void v3OnlyTypeOnAV2TableIsRefusedBeforeAnythingIsApplied() {
    String variant = "{\"type\":\"struct\",\"schema-id\":1,\"fields\":["
        + "{\"id\":1,\"name\":\"query_name\",\"required\":true,\"type\":\"string\"},"
        + "{\"id\":2,\"name\":\"payload\",\"required\":false,\"type\":\"variant\"}]}";
    String before = metadataLocation();
    commit("{\"action\":\"add-schema\",\"schema\":" + variant + "},{\"action\":\"set-current-schema\",\"schema-id\":-1}")
        .statusCode(400).body("error.message", containsString("variant"));
    assertThat(metadataLocation()).isEqualTo(before);
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"name\":\"v3\",\"schema\":" + variant.replace("\"schema-id\":1", "\"schema-id\":0")
            + ",\"properties\":{\"format-version\":\"2\"}}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/tables").then()
        .statusCode(400).body("error.message", containsString("variant"));
    given().auth().oauth2(token).when().get("/iceberg/v1/na/namespaces/" + namespace + "/tables/v3").then()
        .statusCode(404);
  }

  @Test
  void setDefaultSpecWithAnUnknownIdIsRefused() {
    String before = metadataLocation();
    commit("{\"action\":\"set-default-spec\",\"spec-id\":99}")
        .statusCode(400).body("error.message", containsString("set-default-spec"));
    assertThat(metadataLocation()).isEqualTo(before);
  }

  @Test
  void setDefaultSortOrderWithAnUnknownIdIsRefused() {
    String before = metadataLocation();
    commit("{\"action\":\"set-default-sort-order\",\"sort-order-id\":99}")
        .statusCode(400).body("error.message", containsString("set-default-sort-order"));
    assertThat(metadataLocation()).isEqualTo(before);
  }

  @Test
  void assignUuidIsRefusedBeforeTheChangeIsApplied() {
    String uuid = given().auth().oauth2(token).when().get(tablePath).then().extract().path("metadata.table-uuid");
    String before = metadataLocation();
    commit("{\"action\":\"assign-uuid\",\"uuid\":\"" + UUID.randomUUID() + "\"}")
        .statusCode(400).body("error.message", containsString("assign-uuid"));
    given().auth().oauth2(token).when().get(tablePath).then().statusCode(200).body("metadata.table-uuid", equalTo(uuid));
    assertThat(metadataLocation()).isEqualTo(before);
  }

  @Test
  void transactionWith2000TableChangesIsRefusedWithinASecond() throws Exception {
    String change = "{\"identifier\":{\"namespace\":[\"" + namespace + "\"],\"name\":\"t%d\"},"
        + "\"requirements\":[],\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"k\":\"v\"}}]}";
    String body = "{\"table-changes\":[" + IntStream.range(0, 2000).mapToObj(i -> String.format(change, i))
        .collect(Collectors.joining(",")) + "]}";
    HttpRequest request = HttpRequest.newBuilder(uri("/iceberg/v1/na/transactions/commit"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    send(HttpRequest.newBuilder(uri("/iceberg/v1/na/transactions/commit")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.substring(0, 3000))));
    long started = System.nanoTime();
    HttpResponse<String> response = send(request);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("2000 table changes").contains("mesh.limits.max-table-changes");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void commitWithTooManyUpdatesOrPropertiesIsRefused() {
    String updates = IntStream.range(0, 1001).mapToObj(i -> "{\"action\":\"remove-properties\",\"removals\":[\"k\"]}")
        .collect(Collectors.joining(","));
    commit(updates).statusCode(400).body("error.message", containsString("1001 updates"));
    String properties = IntStream.range(0, 1001).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(","));
    commit("{\"action\":\"set-properties\",\"updates\":{" + properties + "}}")
        .statusCode(400).body("error.message", containsString("1001 properties"));
    given().auth().oauth2(token).contentType("application/json").body("{\"updates\":{" + properties + "}}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/properties").then()
        .statusCode(400).body("error.message", containsString("1001 properties"));
  }

  @Test
  void bodyOverTheLimitAnswers413WithABodyWithinASecond() throws Exception {
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(tenMegabytes, (byte) 'x');
    long started = System.nanoTime();
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/products"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(tenMegabytes)));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":413").contains("at most 4194304 bytes").contains("/api/v1/products");
  }

  @Test
  void chunkedBodyOverTheLimitIsCut() throws Exception {
    // no Content-Length: the body streams until the limit is passed
    Iterator<byte[]> chunks = IntStream.range(0, 80).mapToObj(i -> "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8))
        .iterator();
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/iceberg/v1/na/namespaces"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ChunkStream(chunks))));
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void uriOverTheLimitAnswers414WithABody() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/iceberg/v1/na/namespaces/" + "a".repeat(10_000)))
        .header("Authorization", "Bearer " + token).GET());
    assertThat(response.statusCode()).isEqualTo(414);
    assertThat(response.body()).contains("\"code\":414").contains("mesh.limits.max-uri-length");
  }

  @Test
  void typeMismatchedJsonOnProductsAnswers400NamingTheField() {
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"domain\":\"na\",\"name\":\"p\",\"tags\":\"not-a-list\"}")
        .when().post("/api/v1/products").then()
        .statusCode(400)
        .body("error.code", equalTo(400))
        .body("error.message", allOf(containsString("'tags'"), containsString("line 1"), not(containsString("java.util"))));
    given().auth().oauth2(token).contentType("application/json").body("{\"domain\":")
        .when().post("/api/v1/products").then()
        .statusCode(400).body("error.message", containsString("Malformed JSON"));
    given().auth().oauth2(token).contentType("text/plain").body("x")
        .when().post("/api/v1/products").then()
        .statusCode(415).body("error.message", not(equalTo("")));
  }

  @Test
  void nulInAJsonBodyIsRefusedBeforeItReachesPostgres() {
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"eventType\":\"COMPLETE\",\"job\":{\"namespace\":\"na\",\"name\":\"j\\u0000\"}}")
        .when().post("/api/v1/lineage").then()
        .statusCode(400).body("error.message", allOf(containsString("NUL"), not(containsString("ERROR:"))));
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"domain\":\"na\",\"name\":\"p\",\"description\":\"a\\u0000b\"}")
        .when().post("/api/v1/products").then()
        .statusCode(400).body("error.message", allOf(containsString("'description'"), containsString("NUL")));
    given().urlEncodingEnabled(false).auth().oauth2(token).when().get("/api/v1/products?q=a%00b").then()
        .statusCode(400).body("error.message", allOf(containsString("NUL"), not(containsString("ERROR:"))));
  }

  // ---- helpers

  private ValidatableResponse createNamespace(String levels) {
    return given().auth().oauth2(token).contentType("application/json").body("{\"namespace\":" + levels + "}")
        .when().post("/iceberg/v1/na/namespaces").then();
  }

  private ValidatableResponse commit(String updates) {
    return given().auth().oauth2(token).contentType("application/json")
        .body("{\"requirements\":[],\"updates\":[" + updates + "]}")
        .when().post(tablePath).then();
  }

  private String metadataLocation() {
    return given().auth().oauth2(token).when().get(tablePath).then().statusCode(200).extract().path("metadata-location");
  }

  private URI uri(String path) {
    return URI.create(base.toString().replaceAll("/$", "") + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return send(request.timeout(Duration.ofSeconds(30)).build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** An input stream of the given chunks, so the client sends the body chunked (length unknown). */
  private static final class ChunkStream extends InputStream {
    private final Iterator<byte[]> chunks;
    private byte[] current = new byte[0];
    private int position;

    ChunkStream(Iterator<byte[]> chunks) {
      this.chunks = chunks;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      while (position == current.length) {
        if (!chunks.hasNext()) {
          return -1;
        }
        current = chunks.next();
        position = 0;
      }
      int n = Math.min(length, current.length - position);
      System.arraycopy(current, position, buffer, offset, n);
      position += n;
      return n;
    }
  }
}
