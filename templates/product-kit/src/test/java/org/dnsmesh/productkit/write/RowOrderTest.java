package org.dnsmesh.productkit.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Sorting by the long prefixes of text keys gives exactly the order of the keys themselves. */
class RowOrderTest {

  private static final Schema SCHEMA = new Schema(Types.NestedField.optional(1, "query_name", Types.StringType.get()));

  @Test
  void prefixesKeepTheOrderOfTheirKeys() {
    SplittableRandom random = new SplittableRandom(6);
    String[] stems = {"www.", "www.exa", "api.", "", "a", "xn--bcher-kva.de", "b\u00fccher.de", "\u4f8b\u3048.jp",
        "ab\u0000", "ab", "\uffff", "zz"};
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      keys.add(random.nextInt(30) == 0 ? null
          : stems[random.nextInt(stems.length)] + Long.toString(random.nextLong(1, 40_000), 36));
    }
    keys.addAll(List.of("ab", "ab\u0000", "abcdefg", "abcdefgh", "abcdefg\u0000"));
    for (SortOrder sortOrder : List.of(
        SortOrder.builderFor(SCHEMA).asc("query_name", NullOrder.NULLS_FIRST).build(),
        SortOrder.builderFor(SCHEMA).asc("query_name", NullOrder.NULLS_LAST).build(),
        SortOrder.builderFor(SCHEMA).desc("query_name", NullOrder.NULLS_FIRST).build())) {
      RowOrder order = RowOrder.of(SCHEMA, sortOrder);
      List<String> byKeys = new ArrayList<>(keys);
      byKeys.sort(order::compareKeys);
      List<String> byPrefixes = new ArrayList<>(keys);
      byPrefixes.sort((a, b) -> order.compareKeys(a, order.prefix(a), b, order.prefix(b)));
      assertThat(byPrefixes).as(sortOrder.toString()).containsExactlyElementsOf(byKeys);
    }
  }

  @Test
  void noPrefixForNullsWideCharsOrSeveralFields() {
    RowOrder order = RowOrder.of(SCHEMA, SortOrder.builderFor(SCHEMA).asc("query_name").build());
    assertThat(order.prefix(null)).isZero();
    assertThat(order.prefix("\u4f8b.jp")).isZero();
    assertThat(order.prefix("example.com")).isNotZero();
    Schema two = new Schema(Types.NestedField.optional(1, "a", Types.StringType.get()),
        Types.NestedField.optional(2, "b", Types.StringType.get()));
    RowOrder both = RowOrder.of(two, SortOrder.builderFor(two).asc("a").asc("b").build());
    assertThat(both.prefix(new Object[] {"x", "y"})).isZero();
  }
}
