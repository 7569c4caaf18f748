package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency (no lost update, 409 on conflict) and contract enforcement at commit. */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class ConcurrentCommitsTest {
  private static final int COMMITTERS = 64;
  private static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "query_name", Types.StringType.get()),
      Types.NestedField.optional(2, "rcode", Types.IntegerType.get()));

  @TestHTTPResource("/")
  URL base;

  private RESTCatalog client(String principal) {
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize(principal, Map.of(
        "uri", base.toString() + "iceberg",
        "warehouse", "na",
        "credential", principal + ":" + CatalogTestEnvironment.CLIENT_SECRET,
        "io-impl", ClientFileIO.class.getName()));
    return catalog;
  }

  @Test
  void sixtyFourConcurrentCommittersLoseNoUpdate() throws Exception {
    TableIdentifier id = TableIdentifier.of("concurrency", "appends");
    try (RESTCatalog catalog = client("publisher-na")) {
      catalog.createNamespace(Namespace.of("concurrency"));
      // Clients retry conflicts themselves; give them room so every committer eventually lands.
      catalog.buildTable(id, SCHEMA).withProperty("commit.retry.num-retries", "1000")
          .withProperty("commit.retry.min-wait-ms", "5").withProperty("commit.retry.max-wait-ms", "200").create();
      ExecutorService pool = Executors.newFixedThreadPool(COMMITTERS);
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger conflicts = new AtomicInteger();
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < COMMITTERS; i++) {
        int committer = i;
        results.add(pool.submit(() -> {
          Table table = catalog.loadTable(id);
          DataFile file = DataFiles.builder(PartitionSpec.unpartitioned())
              .withPath(table.location() + "/data/committer-" + committer + ".parquet")
              .withFormat(FileFormat.PARQUET).withFileSizeInBytes(10).withRecordCount(1).build();
          start.await();
          while (true) {
            try {
              table.newAppend().appendFile(file).commit();
              return null;
            } catch (CommitFailedException e) {
              conflicts.incrementAndGet();
              table.refresh();
            }
          }
        }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get();
      }
      pool.shutdown();

      Table table = catalog.loadTable(id);
      Set<String> files = new HashSet<>();
      table.newScan().planFiles().forEach(task -> files.add(task.file().location()));
      assertThat(files).hasSize(COMMITTERS);
      assertThat(table.currentSnapshot().summary()).containsEntry("total-data-files", String.valueOf(COMMITTERS));
      int chain = 0;
      for (Snapshot snapshot = table.currentSnapshot(); snapshot != null;
          snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId())) {
        chain++;
      }
      assertThat(chain).isEqualTo(COMMITTERS);
      System.out.printf("64 committers: %d client-visible conflicts%n", conflicts.get());
    }
  }

  @Test
  void staleCommitAnswers409() throws IOException {
    TableIdentifier id = TableIdentifier.of("stale", "t");
    try (RESTCatalog catalog = client("publisher-na")) {
      catalog.createNamespace(Namespace.of("stale"));
      Table table = catalog.createTable(id, SCHEMA);
      table.updateProperties().set("a", "1").commit();
      String uuid = table.uuid().toString();
      String body = """
          {"requirements":[{"type":"assert-table-uuid","uuid":"%s"},
            {"type":"assert-current-schema-id","current-schema-id":7}],
           "updates":[{"action":"set-properties","updates":{"b":"2"}}]}""".formatted(uuid);
      given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json").body(body)
          .when().post("/iceberg/v1/na/namespaces/stale/tables/t").then()
          .statusCode(409).body("error.type", equalTo("CommitFailedException"));
    }
  }

  @Test
  void commitsThatBreakTheContractAreRefused() throws IOException {
    TableIdentifier id = TableIdentifier.of("contracted", "answers");
    try (RESTCatalog catalog = client("publisher-na")) {
      catalog.createNamespace(Namespace.of("contracted"));
      Table table = catalog.buildTable(id, SCHEMA).withProperty("commit.retry.num-retries", "0").create();
      String token = DevTokens.of("publisher-na");
      given().auth().oauth2(token).contentType("application/json").body("""
          {"domain":"na","name":"answers","status":"active",
           "outputPorts":[{"namespace":"contracted","table":"answers"}]}""")
          .when().post("/api/v1/products").then().statusCode(200);
      given().auth().oauth2(token).contentType("application/json")
          .body(TestContracts.firstPublication("na", "answers", "answers"))
          .when().post("/api/v1/products/na/answers/contracts").then().statusCode(201);

      assertThatThrownBy(() -> table.updateSchema().deleteColumn("rcode").commit())
          .isInstanceOf(CommitFailedException.class)
          .hasMessageContaining("na.answers")
          .hasMessageContaining("1.0.0")
          .hasMessageContaining("'rcode'");
      assertThatThrownBy(() -> table.updateSchema().allowIncompatibleChanges()
              .addRequiredColumn("zone", Types.StringType.get()).commit())
          .isInstanceOf(CommitFailedException.class)
          .hasMessageContaining("'zone'");
      // issue 15 (3): re-registering the product without its output ports, or publishing a non-record schema,
      // switched the guard off, after which the refused commit went through; both are refused, the guard holds
      given().auth().oauth2(token).contentType("application/json").body("""
          {"domain":"na","name":"answers","status":"active","outputPorts":[]}""")
          .when().post("/api/v1/products").then().statusCode(409);
      given().auth().oauth2(token).contentType("application/json")
          .body(TestContracts.publication("1.0.1", TestContracts.firstVersion("na", "answers", "answers")
              .replace("version: 1.0.0", "version: 1.0.1"), "\"string\""))
          .when().post("/api/v1/products/na/answers/contracts").then()
          .statusCode(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
              .and(org.hamcrest.Matchers.lessThan(500)));
      assertThatThrownBy(() -> table.updateSchema().deleteColumn("rcode").commit())
          .as("the breaking commit after the attempts").isInstanceOf(CommitFailedException.class)
          .hasMessageContaining("'rcode'");
      table.refresh();
      table.updateSchema().addColumn("ttl", Types.IntegerType.get()).commit();
      assertThat(catalog.loadTable(id).schema().findField("ttl")).isNotNull();
    }
  }
}
