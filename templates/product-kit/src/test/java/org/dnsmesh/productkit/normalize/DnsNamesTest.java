package org.dnsmesh.productkit.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DnsNamesTest {

  private final DnsNames names = new DnsNames();

  @Test
  void lowercasesAndDropsTheTrailingDot() {
    DnsName name = names.normalize("WWW.Example.COM.");
    assertThat(name).isEqualTo(new DnsName("www.example.com", null, "com", "com", "example.com", true));
  }

  @Test
  void convertsIdnToALabelsAndKeepsTheULabel() {
    DnsName name = names.normalize("Www.Bücher.DE");
    assertThat(name.asciiName()).isEqualTo("www.xn--bcher-kva.de");
    assertThat(name.unicodeName()).isEqualTo("www.bücher.de");
    assertThat(name.registrableDomain()).isEqualTo("xn--bcher-kva.de");
    assertThat(names.normalize("www.xn--bcher-kva.de").unicodeName()).isEqualTo("www.bücher.de");
  }

  @Test
  void usesThePublicSuffixList() {
    assertThat(names.normalize("a.b.example.co.uk"))
        .isEqualTo(new DnsName("a.b.example.co.uk", null, "uk", "co.uk", "example.co.uk", true));
    DnsName ptr = names.normalize("100.1.47.10.in-addr.arpa");
    assertThat(ptr.publicSuffix()).isEqualTo("in-addr.arpa");
    assertThat(ptr.tld()).isEqualTo("arpa");
    DnsName local = names.normalize("_ldap._tcp.dc._msdcs.team4.local");
    assertThat(local.tld()).isEqualTo("local");
    assertThat(local.valid()).isTrue();
  }

  @Test
  void rootAndInvalidNames() {
    assertThat(names.normalize("").asciiName()).isEqualTo(".");
    assertThat(names.normalize(null)).isNull();
    DnsName odd = names.normalize("Nougat [28:d2:44:0f:4c:e9]._workstation._tcp.local");
    assertThat(odd.valid()).isFalse();
    assertThat(odd.asciiName()).isEqualTo("nougat [28:d2:44:0f:4c:e9]._workstation._tcp.local");
    assertThat(odd.registrableDomain()).isNull();
  }
}
