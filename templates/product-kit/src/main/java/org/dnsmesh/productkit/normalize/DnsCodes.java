package org.dnsmesh.productkit.normalize;

import java.util.Map;

/** DNS RR type and RCODE numbers to their IANA mnemonics; unknown numbers become RFC 3597 {@code TYPEnn} / {@code RCODEnn}. */
public final class DnsCodes {

  private static final Map<Integer, String> QTYPES = Map.ofEntries(
      Map.entry(1, "A"), Map.entry(2, "NS"), Map.entry(5, "CNAME"), Map.entry(6, "SOA"), Map.entry(12, "PTR"),
      Map.entry(13, "HINFO"), Map.entry(15, "MX"), Map.entry(16, "TXT"), Map.entry(17, "RP"), Map.entry(18, "AFSDB"),
      Map.entry(24, "SIG"), Map.entry(25, "KEY"), Map.entry(28, "AAAA"), Map.entry(29, "LOC"), Map.entry(33, "SRV"),
      Map.entry(35, "NAPTR"), Map.entry(36, "KX"), Map.entry(37, "CERT"), Map.entry(39, "DNAME"), Map.entry(41, "OPT"),
      Map.entry(42, "APL"), Map.entry(43, "DS"), Map.entry(44, "SSHFP"), Map.entry(45, "IPSECKEY"),
      Map.entry(46, "RRSIG"), Map.entry(47, "NSEC"), Map.entry(48, "DNSKEY"), Map.entry(49, "DHCID"),
      Map.entry(50, "NSEC3"), Map.entry(51, "NSEC3PARAM"), Map.entry(52, "TLSA"), Map.entry(53, "SMIMEA"),
      Map.entry(55, "HIP"), Map.entry(59, "CDS"), Map.entry(60, "CDNSKEY"), Map.entry(61, "OPENPGPKEY"),
      Map.entry(62, "CSYNC"), Map.entry(63, "ZONEMD"), Map.entry(64, "SVCB"), Map.entry(65, "HTTPS"),
      Map.entry(99, "SPF"), Map.entry(108, "EUI48"), Map.entry(109, "EUI64"), Map.entry(249, "TKEY"),
      Map.entry(250, "TSIG"), Map.entry(251, "IXFR"), Map.entry(252, "AXFR"), Map.entry(255, "ANY"),
      Map.entry(256, "URI"), Map.entry(257, "CAA"));

  private static final Map<Integer, String> RCODES = Map.ofEntries(
      Map.entry(0, "NOERROR"), Map.entry(1, "FORMERR"), Map.entry(2, "SERVFAIL"), Map.entry(3, "NXDOMAIN"),
      Map.entry(4, "NOTIMP"), Map.entry(5, "REFUSED"), Map.entry(6, "YXDOMAIN"), Map.entry(7, "YXRRSET"),
      Map.entry(8, "NXRRSET"), Map.entry(9, "NOTAUTH"), Map.entry(10, "NOTZONE"), Map.entry(11, "DSOTYPENI"),
      Map.entry(16, "BADVERS"), Map.entry(17, "BADKEY"), Map.entry(18, "BADTIME"), Map.entry(19, "BADMODE"),
      Map.entry(20, "BADNAME"), Map.entry(21, "BADALG"), Map.entry(22, "BADTRUNC"), Map.entry(23, "BADCOOKIE"));

  private DnsCodes() {}

  /**
   * The qtype name: the source's name when it gave one ({@code "*"} is Zeek's ANY), else from the number; null when
   * both are unset.
   */
  public static String qtypeName(Integer number, String sourceName) {
    if (sourceName != null && !sourceName.isEmpty()) {
      return sourceName.equals("*") ? "ANY" : sourceName.toUpperCase(java.util.Locale.ROOT);
    }
    return number == null ? null : QTYPES.getOrDefault(number, "TYPE" + number);
  }

  /** The rcode name, from the source's name or the number; null when the query got no response. */
  public static String rcodeName(Integer number, String sourceName) {
    if (sourceName != null && !sourceName.isEmpty()) {
      return sourceName.toUpperCase(java.util.Locale.ROOT);
    }
    return number == null ? null : RCODES.getOrDefault(number, "RCODE" + number);
  }
}
