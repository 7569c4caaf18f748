package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The Iceberg Java RESTCatalog client against the running service, with tokens from the service. */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class IcebergRestCatalogTest {
  private static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "query_name", Types.StringType.get()),
      Types.NestedField.optional(2, "rcode", Types.IntegerType.get()));

  @TestHTTPResource("/")
  URL base;

  @ConfigProperty(name = "mesh.warehouse.root")
  String warehouseRoot;

  private RESTCatalog client(String principal, String warehouse) {
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize(principal, Map.of(
        "uri", base.toString() + "iceberg",
        "warehouse", warehouse,
        "credential", principal + ":" + CatalogTestEnvironment.CLIENT_SECRET,
        "io-impl", ClientFileIO.class.getName()));
    return catalog;
  }

  @Test
  void publisherCreatesAppendsAndAnalystReadsBack() throws IOException {
    TableIdentifier id = TableIdentifier.of("resolver", "queries");
    try (RESTCatalog publisher = client("publisher-na", "na")) {
      publisher.createNamespace(Namespace.of("resolver"), new java.util.HashMap<>(Map.of("owner", "na-team")));
      Table table = publisher.createTable(id, SCHEMA, PartitionSpec.unpartitioned());
      assertThat(table.location()).startsWith("file://" + warehouseRoot + "/na/resolver/queries-");

      String dataPath = table.location() + "/data/part-0.parquet";
      try (PositionOutputStream out = table.io().newOutputFile(dataPath).create()) {
        out.write(new byte[] {1, 2, 3});
      }
      DataFile file = DataFiles.builder(PartitionSpec.unpartitioned())
          .withPath(dataPath)
          .withFormat(FileFormat.PARQUET)
          .withFileSizeInBytes(3)
          .withRecordCount(42)
          .build();
      table.newAppend().appendFile(file).commit();
    }
    // the owning steward sees every column in clear and no row filter: it may read the files
    try (RESTCatalog steward = client("steward-na", "na")) {
      Table table = steward.loadTable(id);
      assertThat(table.currentSnapshot()).isNotNull();
      assertThat(table.currentSnapshot().summary()).containsEntry("added-records", "42");
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        assertThat(tasks).extracting(task -> task.file().location()).containsExactly(
            table.location() + "/data/part-0.parquet");
      }
    }
    try (RESTCatalog analyst = client("analyst", "na")) {
      assertThat(analyst.listTables(Namespace.of("resolver"))).containsExactly(id);
      assertThatThrownBy(() -> analyst.createTable(TableIdentifier.of("resolver", "other"), SCHEMA))
          .isInstanceOf(ForbiddenException.class);
    }
  }

  /**
   * Issue 15 (2): an analyst allowed to read a masked, row-filtered table got its metadata, manifests and data-file
   * paths from loadTable and read the raw Parquet. Now 403, with a reason that points to Trino.
   */
  @Test
  void maskedAnalystIsRefusedTheFilesUnderATable() throws IOException {
    TableIdentifier id = TableIdentifier.of("authoritative", "responses");
    try (RESTCatalog publisher = client("publisher-eu", "eu")) {
      publisher.createNamespace(Namespace.of("authoritative"));
      publisher.createTable(id, SCHEMA, PartitionSpec.unpartitioned());
      assertThat(publisher.loadTable(id).location()).as("its writer keeps the files").isNotBlank();
    }
    for (String reader : List.of("ana", "analyst", "li")) {
      try (RESTCatalog analyst = client(reader, "eu")) {
        assertThatThrownBy(() -> analyst.loadTable(id)).as(reader)
            .isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("through Trino");
      }
      given().auth().oauth2(DevTokens.of(reader)).when().get("/iceberg/v1/eu/namespaces/authoritative/tables/responses")
          .then().statusCode(403).body("error.message", org.hamcrest.Matchers.containsString("Trino"))
          .body("error.message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("metadata/")));
    }
  }

  @Test
  void publisherWritesOnlyOwnDomain() {
    // the policy gives a publisher nothing outside its domain: not even the catalog's config
    assertThatThrownBy(() -> client("publisher-na", "eu"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("publisher-na")
        .hasMessageContaining("eu");
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json")
        .body("{\"namespace\":[\"edge\"]}").when().post("/iceberg/v1/eu/namespaces").then()
        .statusCode(403).body("error.type", equalTo("ForbiddenException"));
    given().auth().oauth2(DevTokens.of("publisher-eu")).contentType("application/json")
        .body("{\"namespace\":[\"edge\"]}").when().post("/iceberg/v1/eu/namespaces").then()
        .statusCode(200);
  }

  @Test
  void locationsOutsideTheWarehouseAreRefused() throws IOException {
    try (RESTCatalog admin = client("admin", "na")) {
      admin.createNamespace(Namespace.of("escape"));
      for (String location : List.of("file:///tmp/elsewhere", "file://" + warehouseRoot + "/eu/x",
          "file://" + warehouseRoot + "/na/../eu/x", "s3://bucket/x", "relative/path")) {
        assertThatThrownBy(() -> admin.buildTable(TableIdentifier.of("escape", "t"), SCHEMA)
                .withLocation(location).create())
            .as(location)
            .isInstanceOf(BadRequestException.class);
      }
      assertThatThrownBy(() -> admin.createTable(TableIdentifier.of("escape", ".."), SCHEMA))
          .isInstanceOf(BadRequestException.class);
      Table table = admin.createTable(TableIdentifier.of("escape", "ok"), SCHEMA);
      assertThatThrownBy(() -> table.updateLocation().setLocation("file:///tmp/elsewhere").commit())
          .isInstanceOf(BadRequestException.class);
      assertThatThrownBy(() -> table.updateProperties().set("write.data.path", "file:///tmp/elsewhere").commit())
          .isInstanceOf(BadRequestException.class);
    }
  }

  @Test
  void loadTableAnswersTheCurrentMetadataAfterEveryCommitAndDrop() throws IOException {
    TableIdentifier id = TableIdentifier.of("cache", "t");
    String token = DevTokens.of("publisher-na");
    String path = "/iceberg/v1/na/namespaces/cache/tables/t";
    try (RESTCatalog writer = client("publisher-na", "na")) {
      writer.createNamespace(Namespace.of("cache"));
      Table table = writer.createTable(id, SCHEMA);
      String first = given().auth().oauth2(token).when().get(path).then().statusCode(200)
          .extract().path("metadata-location");
      assertThat(given().auth().oauth2(token).when().get(path).then().extract().<String>path("metadata-location"))
          .isEqualTo(first);
      table.updateProperties().set("k", "v1").commit();
      given().auth().oauth2(token).when().get(path).then().statusCode(200)
          .body("metadata.properties.k", equalTo("v1"))
          .body("metadata-location", org.hamcrest.Matchers.not(equalTo(first)));
      table.updateProperties().set("k", "v2").commit();
      given().auth().oauth2(token).when().get(path).then().body("metadata.properties.k", equalTo("v2"));
      given().auth().oauth2(token).when().get(path + "?snapshots=refs").then().statusCode(200)
          .body("metadata.properties.k", equalTo("v2"));
      // metadata tables and views are not plain tables: the normal path answers them (404 here)
      given().auth().oauth2(token).when().get("/iceberg/v1/na/namespaces/cache%1Ft/tables/snapshots").then()
          .statusCode(404);
      writer.dropTable(id);
      given().auth().oauth2(token).when().get(path).then().statusCode(404);
    }
  }

  @Test
  void everyEndpointNeedsAToken() {
    for (String path : List.of("/iceberg/v1/config?warehouse=na", "/iceberg/v1/na/namespaces", "/api/v1/domains")) {
      given().when().get(path).then()
          .statusCode(401)
          .body("error.code", equalTo(401))
          .body("error.type", equalTo("NotAuthorizedException"));
    }
    given().header("Authorization", "Bearer not-a-jwt").when().get("/iceberg/v1/na/namespaces").then()
        .statusCode(401);
    given().when().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void configAnswersThePrefixOfTheDomain() {
    String token = DevTokens.of("analyst");
    given().auth().oauth2(token).when().get("/iceberg/v1/config?warehouse=eu").then()
        .statusCode(200)
        .body("overrides.prefix", equalTo("eu"))
        .body("endpoints", hasItem("GET /v1/{prefix}/namespaces/{namespace}/tables/{table}"));
    given().auth().oauth2(token).when().get("/iceberg/v1/config").then()
        .statusCode(400).body("error.type", equalTo("BadRequestException"));
    given().auth().oauth2(token).when().get("/iceberg/v1/config?warehouse=nowhere").then()
        .statusCode(404);
  }

  @Test
  void adminRegistersDomainsOthersMayNot() {
    given().auth().oauth2(DevTokens.of("analyst")).contentType("application/json")
        .body("{\"name\":\"apac\"}").when().post("/api/v1/domains").then().statusCode(403);
    given().auth().oauth2(DevTokens.of("admin")).contentType("application/json")
        .body("{\"name\":\"apac\",\"ownerTeam\":\"apac-edge\"}").when().post("/api/v1/domains").then()
        .statusCode(201).body("warehouse", equalTo("file://" + warehouseRoot + "/apac"));
    given().auth().oauth2(DevTokens.of("admin")).contentType("application/json")
        .body("{\"name\":\"apac\"}").when().post("/api/v1/domains").then().statusCode(409);
    given().auth().oauth2(DevTokens.of("publisher-apac")).when().get("/iceberg/v1/config?warehouse=apac").then()
        .statusCode(200);
    given().auth().oauth2(DevTokens.of("analyst")).when().get("/api/v1/domains").then()
        .statusCode(200).body("name", hasItem("apac"));
  }

  @Test
  void oauthClientCredentialsNeedTheClientSecret() {
    given().formParam("grant_type", "client_credentials").formParam("client_id", "admin")
        .formParam("client_secret", "wrong").when().post("/iceberg/v1/oauth/tokens").then()
        .statusCode(401).body("error", equalTo("invalid_client"));
  }
}
