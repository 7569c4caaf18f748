package org.dnsmesh.productkit.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Rows come back out of the chunked buffer byte for byte, per partition, in stable sort order. */
class PendingRowsTest {

  private static final Schema SCHEMA = new Schema(
      Types.NestedField.optional(1, "query_name", Types.StringType.get()),
      Types.NestedField.required(2, "tld", Types.StringType.get()),
      Types.NestedField.required(3, "n", Types.IntegerType.get()));

  @Test
  void rowsComeBackWholeGroupedAndSorted() {
    PartitionSpec spec = PartitionSpec.builderFor(SCHEMA).identity("tld").build();
    PendingRows rows = new PendingRows(SCHEMA, spec, RowOrder.of(SCHEMA, SortOrder.builderFor(SCHEMA)
        .asc("query_name").build()));
    SplittableRandom random = new SplittableRandom(6);
    String[] names = {"a.com", "b.com", "www.example.com", "www.example.org", null};
    List<Object[]> added = new ArrayList<>(); // name, tld, n, bytes
    for (int n = 0; n < 30_000; n++) {
      String name = names[random.nextInt(names.length)];
      String tld = random.nextBoolean() ? "com" : "org";
      // mostly small rows, some of 100 KB and one over the 1 MiB chunk size: chunks roll over and one is its own
      int size = n == 777 ? 1_500_000 : random.nextInt(200) == 0 ? 100_000 : 20 + random.nextInt(300);
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      byte[] tag = (n + ":").getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(tag, 0, bytes, 0, Math.min(tag.length, bytes.length));
      GenericRecord row = GenericRecord.create(SCHEMA);
      row.setField("query_name", name);
      row.setField("tld", tld);
      row.setField("n", n);
      rows.add(row, bytes);
      added.add(new Object[] {name, tld, n, bytes});
    }
    assertThat(rows.size()).isEqualTo(added.size());

    List<PendingRows.Group> groups = rows.groups();
    assertThat(groups).hasSize(2);
    int seen = 0;
    for (PendingRows.Group group : groups) {
      String tld = group.partition().get(0, String.class);
      // expected: that partition's rows, stable-sorted by name, nulls first (the default null order)
      List<Object[]> expected = new ArrayList<>(added.stream().filter(r -> r[1].equals(tld)).toList());
      expected.sort(Comparator.comparing((Object[] r) -> (String) r[0], Comparator.nullsFirst(Comparator.naturalOrder())));
      PendingRows.SortedRows sorted = group.sorted();
      assertThat(sorted.size()).isEqualTo(expected.size()).isEqualTo(group.size());
      for (int i = 0; i < sorted.size(); i++) {
        assertThat(Arrays.equals(sorted.bytes(i), (byte[]) expected.get(i)[3]))
            .as("row %d of partition %s (added as #%d)", i, tld, expected.get(i)[2]).isTrue();
      }
      seen += sorted.size();
    }
    assertThat(seen).isEqualTo(added.size());
  }
}
