package org.dnsmesh.products.pdns;

import java.util.regex.Pattern;

/**
 * The rrtype of one answer of a Zeek {@code dns.log} line. Zeek logs each answer's rdata but neither its type nor its
 * owner, so the type is told from the rdata and the query type: an IPv4 literal is an A record, an IPv6 literal an
 * AAAA record, a name under an A or AAAA query is a CNAME of the chain; any other answer has the query's type (PTR,
 * MX, NS, TXT, ...; {@code UNKNOWN} when the query type is unknown too).
 */
public final class AnswerTypes {

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

  private AnswerTypes() {}

  public static String of(String rdata, String qtype) {
    if (rdata != null && IPV4.matcher(rdata).matches()) {
      return "A";
    }
    if (rdata != null && rdata.indexOf(':') >= 0 && IPV6.matcher(rdata).matches() && isIpv6(rdata)) {
      return "AAAA";
    }
    if ("A".equals(qtype) || "AAAA".equals(qtype)) {
      return "CNAME";
    }
    return qtype == null ? "UNKNOWN" : qtype;
  }

  /** A literal only (never a DNS lookup): colons and hex groups that {@code InetAddress} parses as IPv6. */
  private static boolean isIpv6(String text) {
    try {
      return java.net.InetAddress.getByName(text) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
