package org.dnsmesh.products.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedTablesTest {
  record Hourly(Instant hour, String clientId, long nxdomainCount, Double p95, boolean outlier, LocalDate day) {}

  record Unsupported(java.util.UUID id) {}

  @TempDir Path warehouse;

  @Test
  void schemaFollowsTheRecordComponents() {
    Schema schema = DerivedTables.schemaOf(Hourly.class);
    assertThat(schema.columns()).extracting(Types.NestedField::name)
        .containsExactly("hour", "client_id", "nxdomain_count", "p95", "outlier", "day");
    assertThat(schema.findField("hour").type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(schema.findField("nxdomain_count").isRequired()).isTrue();
    assertThat(schema.findField("p95").isOptional()).isTrue();
    assertThat(schema.findField("day").type()).isEqualTo(Types.DateType.get());
    assertThatThrownBy(() -> DerivedTables.schemaOf(Unsupported.class)).hasMessageContaining("Unsupported.id has type UUID");
  }

  @Test
  void eachWriteReplacesTheWholeTable() throws Exception {
    Instant hour = Instant.parse("2026-11-23T10:00:00Z");
    TableIdentifier id = TableIdentifier.of("na", "top_hourly");
    try (JdbcCatalog catalog = LocalCatalogs.jdbc("dnsmesh_test_products", warehouse)) {
      List<Hourly> rows = List.of(new Hourly(hour, "c1", 3, 12.5, false, LocalDate.of(2026, 11, 23)),
          new Hourly(hour, "c2", 1, null, true, LocalDate.of(2026, 11, 23)));
      DerivedTables.replace(catalog, id, Hourly.class, rows, Map.of("dnsmesh.product", "test"));
      DerivedTables.replace(catalog, id, Hourly.class, rows, Map.of("dnsmesh.product", "test"));
      Table table = catalog.loadTable(id);
      List<Row> read = KafkaProductRun.rows(table);
      assertThat(read).hasSize(2);
      assertThat(read.getFirst().values()).containsEntry("client_id", "c1").containsEntry("nxdomain_count", 3L)
          .containsEntry("hour", OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC));
      assertThat(table.currentSnapshot().summary()).containsEntry("dnsmesh.product", "test");

      DerivedTables.replace(catalog, id, Hourly.class, List.of(), Map.of());
      assertThat(KafkaProductRun.rows(table)).isEmpty();
    }
  }

  record SummaryV1(LocalDate day, long queries) {}

  record SummaryV2(LocalDate day, long queries, long answered, Double nxdomainRate) {}

  /**
   * Regression (issue 17): `mesh product run` after an upgrade failed with "Cannot set unknown field named: answered"
   * because the derived table existed with the previous release's columns. New columns are added to it.
   */
  @Test
  void aTableFromAnOlderReleaseGetsTheNewColumns() throws Exception {
    TableIdentifier id = TableIdentifier.of("na", "summary_evolves");
    LocalDate day = LocalDate.of(2026, 12, 7);
    try (JdbcCatalog catalog = LocalCatalogs.jdbc("dnsmesh_test_products", warehouse)) {
      DerivedTables.replace(catalog, id, SummaryV1.class, List.of(new SummaryV1(day, 10)), Map.of());
      DerivedTables.replace(catalog, id, SummaryV2.class, List.of(new SummaryV2(day, 12, 8, 0.25)), Map.of());
      List<Row> read = KafkaProductRun.rows(catalog.loadTable(id));
      assertThat(read).hasSize(1);
      assertThat(read.getFirst().values()).containsEntry("queries", 12L).containsEntry("answered", 8L)
          .containsEntry("nxdomain_rate", 0.25);
    }
  }
}
