package org.dnsmesh.products.apac;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.JsonLinesDnsReader;
import org.dnsmesh.productkit.validate.FieldValues;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.products.support.ProductIngest;
import org.dnsmesh.products.support.Row;

final class ApacFixtures {

  static final DomainKeyRing KEYS = new DomainKeyRing("apac", "k1",
      Map.of("k1", new PseudonymKey("k1", "apac-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));
  static final PopDirectory POPS = new PopDirectory(Map.of("10.8.0.1", "sin", "10.8.0.2", "nrt"));

  private ApacFixtures() {}

  static DnsEventSource sample() throws Exception {
    Path file = Path.of(ApacFixtures.class.getResource("/sample-edge.jsonl").toURI());
    Reader reader = Files.newBufferedReader(file);
    return new JsonLinesDnsReader(reader, file.getFileName().toString());
  }

  static List<Row> rows(DnsEventSource source) throws Exception {
    List<Row> rows = new ArrayList<>();
    new ProductIngest(ApacEdgeCache.contract(), ApacEdgeCache.transform(POPS), KEYS)
        .rows(source, CaptureDuplicateFilter.oneMillisecond(), r -> rows.add(new Row(r)));
    return rows;
  }

  /** Rows the contract accepts (what lands in the product table). */
  static List<Row> valid(List<Row> rows) {
    RecordValidator validator = ApacEdgeCache.contract().validator();
    return rows.stream().filter(r -> validator.validate(FieldValues.of(r.values())).isValid()).toList();
  }
}
