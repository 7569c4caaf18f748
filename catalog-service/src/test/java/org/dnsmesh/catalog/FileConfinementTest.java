package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 1, as an attacker with a valid publisher token: every file reference a commit, a register
 * or a property can carry is aimed outside the table (the server's files, another domain's warehouse,
 * encoded dot segments, a symbolic link under the table folder); each is refused with 400 naming the
 * field, the victim files survive, and a purge of the table deletes only the table's own files.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class FileConfinementTest {
  private static final String SCHEMA = "{\"type\":\"struct\",\"schema-id\":0,\"fields\":["
      + "{\"id\":1,\"name\":\"query_name\",\"required\":true,\"type\":\"string\"}]}";

  @ConfigProperty(name = "mesh.warehouse.root")
  String warehouseRoot;

  private String token;
  private String namespace;
  private String tablePath;
  private String tableLocation;
  private Path tableFolder;
  private Path serverVictim;
  private Path otherDomainVictim;

  @BeforeEach
  void createTableAndVictims() throws IOException {
    token = DevTokens.of("publisher-na");
    namespace = "conf" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(token).contentType("application/json").body("{\"namespace\":[\"" + namespace + "\"]}")
        .when().post("/iceberg/v1/na/namespaces").then().statusCode(200);
    tableLocation = given().auth().oauth2(token).contentType("application/json")
        .body("{\"name\":\"t\",\"schema\":" + SCHEMA + "}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/tables").then().statusCode(200)
        .extract().path("metadata.location");
    tablePath = "/iceberg/v1/na/namespaces/" + namespace + "/tables/t";
    tableFolder = Path.of(tableLocation.substring("file://".length()));
    // what the catalog's OS user could delete: a server file and another domain's data
    serverVictim = Files.createTempFile("server-file", ".txt");
    Files.writeString(serverVictim, "root:x:0:0");
    otherDomainVictim = Path.of(warehouseRoot, "eu", "victim-" + namespace, "data", "part-0.parquet");
    Files.createDirectories(otherDomainVictim.getParent());
    Files.writeString(otherDomainVictim, "eu data");
  }

  @Test
  void statisticsPathToAServerFileIsRefused() {
    commit(setStatistics(serverVictim.toString()))
        .statusCode(400).body("error.message", containsString("set-statistics 'statistics-path'"));
    commit(setStatistics("file://" + serverVictim))
        .statusCode(400).body("error.message", containsString("outside the table's location"));
    purgeAndAssertVictimsSurvive();
  }

  @Test
  void statisticsPathToEtcPasswdIsRefused() {
    commit(setStatistics("/etc/passwd")).statusCode(400).body("error.message", containsString("/etc/passwd"));
    assertThat(Path.of("/etc/passwd")).exists();
  }

  @Test
  void partitionStatisticsInAnotherDomainsWarehouseAreRefused() {
    commit("{\"action\":\"set-partition-statistics\",\"partition-statistics\":{\"snapshot-id\":1,"
        + "\"statistics-path\":\"file://" + otherDomainVictim + "\",\"file-size-in-bytes\":7}}")
        .statusCode(400).body("error.message", containsString("set-partition-statistics 'statistics-path'"));
    purgeAndAssertVictimsSurvive();
  }

  @Test
  void manifestListInAnotherDomainsWarehouseIsRefused() {
    commit(addSnapshot("file://" + otherDomainVictim))
        .statusCode(400).body("error.message", containsString("add-snapshot 'manifest-list'"));
    commit(addSnapshot("/etc/passwd")).statusCode(400);
    purgeAndAssertVictimsSurvive();
  }

  @Test
  void percentEncodedDotSegmentsAreRefused() {
    // table folder -> namespace -> na -> warehouse root: four levels up from <table>/metadata
    String up = "metadata/%2e%2e/%2e%2e/%2e%2e/%2e%2e/eu/victim-" + namespace + "/data/part-0.parquet";
    commit(addSnapshot(tableLocation + "/" + up)).statusCode(400).body("error.message", containsString("'..'"));
    String slashes = "..%2f..%2f..%2f../eu/victim-" + namespace + "/data/part-0.parquet";
    commit(addSnapshot(tableLocation + "/" + slashes)).statusCode(400);
    String twice = "metadata/%252e%252e/%252e%252e/%252e%252e/%252e%252e/eu/victim-" + namespace + "/data/part-0.parquet";
    commit(setStatistics(tableLocation + "/" + twice)).statusCode(400);
    commit(setStatistics(tableLocation + "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc")).statusCode(400);
    purgeAndAssertVictimsSurvive();
  }

  @Test
  void symbolicLinkUnderTheTableFolderPointingOutIsRefused() throws IOException {
    Path link = tableFolder.resolve("data").resolve("link");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, otherDomainVictim.getParent());
    commit(addSnapshot(tableLocation + "/data/link/part-0.parquet"))
        .statusCode(400).body("error.message", containsString("add-snapshot 'manifest-list'"));
    Path fileLink = tableFolder.resolve("data").resolve("stats.puffin");
    Files.createSymbolicLink(fileLink, serverVictim);
    commit(setStatistics(tableLocation + "/data/stats.puffin")).statusCode(400);
    purgeAndAssertVictimsSurvive();
    assertThat(otherDomainVictim.getParent()).isDirectory();
  }

  @Test
  void locationPropertiesOutsideTheTableAreRefused() {
    for (String property : List.of("write.data.path", "write.metadata.path", "write.object-storage.path")) {
      commit("{\"action\":\"set-properties\",\"updates\":{\"" + property + "\":\"file://" + warehouseRoot + "/eu/x\"}}")
          .statusCode(400).body("error.message", containsString("set-properties '" + property + "'"));
      // inside the domain's warehouse but outside this table: still refused
      commit("{\"action\":\"set-properties\",\"updates\":{\"" + property + "\":\"file://" + warehouseRoot + "/na/other\"}}")
          .statusCode(400);
    }
    commit("{\"action\":\"set-properties\",\"updates\":{\"write.data.path\":\"" + tableLocation + "/data2\"}}")
        .statusCode(200);
  }

  @Test
  void setLocationOutsideTheWarehouseIsRefused() {
    commit("{\"action\":\"set-location\",\"location\":\"file://" + warehouseRoot + "/eu/stolen\"}")
        .statusCode(400).body("error.message", containsString("set-location 'location'"));
    commit("{\"action\":\"set-location\",\"location\":\"file:///tmp\"}").statusCode(400);
  }

  @Test
  void registerWithMetadataInAnotherDomainIsRefused() throws IOException {
    Path metadata = otherDomainVictim.getParent().resolve("v1.metadata.json");
    Files.writeString(metadata, "{}");
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"name\":\"stolen\",\"metadata-location\":\"file://" + metadata + "\"}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/register").then()
        .statusCode(400).body("error.message", containsString("register-table 'metadata-location'"));
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"name\":\"stolen\",\"metadata-location\":\"" + tableLocation + "/metadata/%2e%2e/%2e%2e/%2e%2e/%2e%2e/eu/x\"}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/register").then().statusCode(400);
    assertThat(metadata).exists();
  }

  @Test
  void registerOfMetadataPointingOutsideItsTableIsRefused() throws IOException {
    // a metadata file inside the warehouse whose statistics point at another domain's file
    String current = given().auth().oauth2(token).when().get(tablePath).then().statusCode(200)
        .extract().path("metadata-location");
    String json = Files.readString(Path.of(current.substring("file://".length())));
    String forged = json.replaceFirst("\"statistics\"\\s*:\\s*\\[\\s*\\]",
        "\"statistics\":[{\"snapshot-id\":1,\"statistics-path\":\"file://" + otherDomainVictim
            + "\",\"file-size-in-bytes\":1,\"file-footer-size-in-bytes\":1,\"blob-metadata\":[]}]");
    assertThat(forged).isNotEqualTo(json);
    Path forgedFile = tableFolder.resolve("metadata").resolve("99999-forged.metadata.json");
    Files.writeString(forgedFile, forged);
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"name\":\"forged\",\"metadata-location\":\"file://" + forgedFile + "\"}")
        .when().post("/iceberg/v1/na/namespaces/" + namespace + "/register").then()
        .statusCode(400).body("error.message", containsString("set-statistics 'statistics-path'"));
  }

  @Test
  void purgeDeletesTheTablesOwnFilesOnly() throws IOException {
    Path metadataFolder = tableFolder.resolve("metadata");
    assertThat(Files.list(metadataFolder)).isNotEmpty();
    purgeAndAssertVictimsSurvive();
    try (var left = Files.list(metadataFolder)) {
      assertThat(left).isEmpty();
    }
  }

  // ---- helpers

  private void purgeAndAssertVictimsSurvive() {
    given().auth().oauth2(token).when().delete(tablePath + "?purgeRequested=true").then().statusCode(204);
    given().auth().oauth2(token).when().get(tablePath).then().statusCode(404);
    assertThat(serverVictim).exists().hasContent("root:x:0:0");
    assertThat(otherDomainVictim).exists().hasContent("eu data");
  }

  private ValidatableResponse commit(String update) {
    ValidatableResponse response = given().auth().oauth2(token).contentType("application/json")
        .body("{\"requirements\":[],\"updates\":[" + update + "]}")
        .when().post(tablePath).then();
    int status = response.extract().statusCode();
    if (status == 400) {
      response.body("error.type", equalTo("BadRequestException"));
    }
    return response;
  }

  private static String setStatistics(String path) {
    return "{\"action\":\"set-statistics\",\"snapshot-id\":1,\"statistics\":{\"snapshot-id\":1,\"statistics-path\":\""
        + path + "\",\"file-size-in-bytes\":1,\"file-footer-size-in-bytes\":1,\"blob-metadata\":[]}}";
  }

  private static String addSnapshot(String manifestList) {
    return "{\"action\":\"add-snapshot\",\"snapshot\":{\"snapshot-id\":1,\"timestamp-ms\":1700000000000,"
        + "\"manifest-list\":\"" + manifestList + "\",\"summary\":{\"operation\":\"append\"},\"schema-id\":0}}";
  }
}
