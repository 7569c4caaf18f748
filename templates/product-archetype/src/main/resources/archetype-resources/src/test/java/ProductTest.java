package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.validate.FieldValues;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.products.support.ProductIngest;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

class ProductTest {

  static final DomainKeyRing KEYS = new DomainKeyRing("${domain}", "k1",
      Map.of("k1", new PseudonymKey("k1", "test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));

  static List<Row> rows(long events) throws Exception {
    List<Row> rows = new ArrayList<>();
    new ProductIngest(ProductDefinition.contract(), ProductDefinition.transform(), KEYS)
        .rows(ProductDefinition.source(events, 1), CaptureDuplicateFilter.oneMillisecond(), r -> rows.add(new Row(r)));
    return rows;
  }

  @Test
  void contractHasNoFindings() {
    assertThat(ContractValidator.validate(Path.of("datacontract.yaml"))).isEmpty();
    assertThat(ProductDefinition.contract().topic().toString()).isEqualTo("${domain}.${artifactId}.raw");
  }

  @Test
  void syntheticEventsArePseudonymisedAndValid() throws Exception {
    List<Row> rows = rows(300);
    assertThat(rows).hasSize(300);
    assertThat(rows).allSatisfy(r -> assertThat(r.values()).doesNotContainKey("client_ip"));
    RecordValidator validator = ProductDefinition.contract().validator();
    assertThat(rows).allSatisfy(r -> assertThat(validator.validate(FieldValues.of(r.values())).isValid()).isTrue());
  }

  @Test
  void queriesPerTldOnKnownRows() {
    List<Row> rows = new ArrayList<>();
    String[][] events = {{"com", "NOERROR"}, {"com", "NXDOMAIN"}, {"com", "NOERROR"}, {"org", "NXDOMAIN"}};
    for (String[] e : events) {
      Map<String, Object> v = new HashMap<>();
      v.put("event_ts", Instant.parse("2026-01-05T10:15:00Z"));
      v.put("tld", e[0]);
      v.put("rcode", e[1]);
      rows.add(new Row(v));
    }
    Instant hour = Instant.parse("2026-01-05T10:00:00Z");
    assertThat(QueriesPerTld.hourly(rows)).containsExactly(
        new QueriesPerTld.Hourly(hour, "com", 3, 1, 1 / 3.0),
        new QueriesPerTld.Hourly(hour, "org", 1, 1, 1.0));
  }
}
