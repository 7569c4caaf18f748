package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.dnsmesh.infra.stack.TrinoSql;
import org.junit.jupiter.api.Test;

class ResultFormatTest {
  private static final TrinoSql.Answer ANSWER = new TrinoSql.Answer(List.of("qname", "answers", "share"),
      List.of(Arrays.asList("example.com", 1204L, new BigDecimal("0.50")),
          Arrays.asList("a,\"b\"\nc", 7L, null)));

  private static String print(ResultFormat format, TrinoSql.Answer answer) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      format.write(answer, out);
    }
    return text.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void tableAlignsColumnsRightAlignsNumbersAndCountsRows() {
    TrinoSql.Answer answer = new TrinoSql.Answer(List.of("qname", "answers"),
        List.of(Arrays.asList("example.com", 1204L), Arrays.asList("x.org", null)));
    assertThat(print(ResultFormat.TABLE, answer)).isEqualTo("""
         qname       | answers
        -------------+---------
         example.com |    1204
         x.org       | NULL
        (2 rows)
        """);
  }

  @Test
  void csvQuotesOnlyWhatNeedsItAndLeavesNullEmpty() {
    assertThat(print(ResultFormat.CSV, ANSWER)).isEqualTo(
        "qname,answers,share\r\nexample.com,1204,0.50\r\n\"a,\"\"b\"\"\nc\",7,\r\n");
  }

  @Test
  void jsonLinesKeepNumbersTypedAndNullsNull() {
    assertThat(print(ResultFormat.JSON, ANSWER)).isEqualTo("""
        {"qname":"example.com","answers":1204,"share":0.50}
        {"qname":"a,\\"b\\"\\nc","answers":7,"share":null}
        """);
  }

  @Test
  void anEmptyAnswerStillPrintsItsHeader() {
    assertThat(print(ResultFormat.TABLE, new TrinoSql.Answer(List.of("n"), List.of()))).isEqualTo("""
         n
        ---
        (0 rows)
        """);
  }
}
