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
}
