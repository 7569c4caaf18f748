package org.dnsmesh.products.pdns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerTypesTest {

  @Test
  void addressesAreARecordsWhateverTheQuery() {
    assertThat(AnswerTypes.of("134.71.3.16", "A")).isEqualTo("A");
    assertThat(AnswerTypes.of("2620:df:8000:1601:0:1:3:16", "AAAA")).isEqualTo("AAAA");
    assertThat(AnswerTypes.of("::1", "ANY")).isEqualTo("AAAA");
    assertThat(AnswerTypes.of("10.0.0.1", "ANY")).isEqualTo("A");
  }

  @Test
  void aNameUnderAnAddressQueryIsACnameOfTheChain() {
    assertThat(AnswerTypes.of("ise.wrccdc.cpp.edu", "A")).isEqualTo("CNAME");
    assertThat(AnswerTypes.of("ise.wrccdc.cpp.edu", "AAAA")).isEqualTo("CNAME");
  }

  @Test
  void otherAnswersHaveTheQueryType() {
    assertThat(AnswerTypes.of("mx1.example.org", "MX")).isEqualTo("MX");
    assertThat(AnswerTypes.of("host.example.org", "PTR")).isEqualTo("PTR");
    assertThat(AnswerTypes.of("TXT 12 hello, world", "TXT")).isEqualTo("TXT");
    assertThat(AnswerTypes.of("something", null)).isEqualTo("UNKNOWN");
  }

  @Test
  void nearMissesAreNotAddresses() {
    assertThat(AnswerTypes.of("256.1.1.1", "A")).isEqualTo("CNAME");
    assertThat(AnswerTypes.of("1.2.3", "A")).isEqualTo("CNAME");
    assertThat(AnswerTypes.of("dead:beef:zz::1", "PTR")).isEqualTo("PTR");
  }
}
