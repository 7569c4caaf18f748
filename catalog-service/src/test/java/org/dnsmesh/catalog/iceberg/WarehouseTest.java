package org.dnsmesh.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarehouseTest {
  private final Warehouse warehouse = new Warehouse("na", Path.of("/data/wh/na"));

  @Test
  void newTableLocationsAreUniqueAndInside() {
    String first = warehouse.newTableLocation(TableIdentifier.of("dns", "queries"));
    String second = warehouse.newTableLocation(TableIdentifier.of("dns", "queries"));
    assertThat(first).startsWith("file:///data/wh/na/dns/queries-").isNotEqualTo(second);
    assertThatCode(() -> warehouse.requireInside(first, "Table location")).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:/data/wh/na/t", "file:///data/wh/na/a/b", "/data/wh/na/t"})
  void acceptsLocationsInside(String location) {
    assertThatCode(() -> warehouse.requireInside(location, "Location")).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///data/wh/eu/t", "file:///data/wh/na/../eu/t", "file:///data/wh/na-other/t",
      "s3://bucket/t", "hdfs:///data/wh/na/t", "file://host/data/wh/na/t", "relative/t", "file:///data/wh/na/.."})
  void refusesLocationsOutside(String location) {
    assertThatThrownBy(() -> warehouse.requireInside(location, "Table location"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining(location);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "a/b", "a\\b"})
  void refusesNamesThatBuildPaths(String name) {
    assertThatThrownBy(() -> Warehouse.requireValidIdentifier(TableIdentifier.of("ns", name)))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> Warehouse.requireValidIdentifier(TableIdentifier.of(name, "t")))
        .isInstanceOf(BadRequestException.class);
  }
}
