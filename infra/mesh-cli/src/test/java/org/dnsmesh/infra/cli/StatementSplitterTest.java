package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  @Test
  void splitsAtSemicolonsOutsideLiteralsIdentifiersAndComments() {
    StatementSplitter splitter = new StatementSplitter();
    assertThat(splitter.add("SELECT 'a;b', \"c;d\" FROM t; SELECT 2")).containsExactly("SELECT 'a;b', \"c;d\" FROM t");
    assertThat(splitter.isEmpty()).isFalse();
    assertThat(splitter.add("  + 1 -- a comment; not the end")).isEmpty();
    assertThat(splitter.add(";")).containsExactly("SELECT 2\n  + 1");
    assertThat(splitter.isEmpty()).isTrue();
  }

  @Test
  void aStatementWithoutFinalSemicolonIsTheRest() {
    StatementSplitter splitter = new StatementSplitter();
    assertThat(splitter.add("SHOW CATALOGS")).isEmpty();
    assertThat(splitter.rest()).isEqualTo("SHOW CATALOGS");
  }

  @Test
  void doubledQuotesStayInsideTheLiteral() {
    assertThat(new StatementSplitter().add("SELECT 'it''s; fine'; SELECT 1;"))
        .containsExactly("SELECT 'it''s; fine'", "SELECT 1");
  }
}
