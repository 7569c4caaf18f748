package org.dnsmesh.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NulFreeJsonBodiesTest {
  @Test
  void findsRawAndEscapedNulButNotAnEscapedBackslash() {
    assertThat(NulFreeJsonBodies.nulAt("{\"a\":\"x\0\"}")).isEqualTo(7);
    assertThat(NulFreeJsonBodies.nulAt("{\"a\":\"x\\u0000\"}")).isEqualTo(7);
    assertThat(NulFreeJsonBodies.nulAt("{\"a\":\"x\\\\\\u0000\"}")).isEqualTo(9);
    // "\\u0000" in JSON is a backslash followed by the text u0000: no NUL
    assertThat(NulFreeJsonBodies.nulAt("{\"a\":\"x\\\\u0000\"}")).isEqualTo(-1);
    assertThat(NulFreeJsonBodies.nulAt("{\"u0000\":1}")).isEqualTo(-1);
  }
}
