package org.dnsmesh.productkit.pseudonymize;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/** Network-prefix truncation: IPv4 to its /24, IPv6 to its /48, written in CIDR form ({@code 10.47.1.0/24}). */
public final class IpTruncation {

  private IpTruncation() {}

  /** The truncated prefix; {@code null} in, {@code null} out; a value that is not an IP address is an error. */
  public static String truncate(String ip) {
    if (ip == null) {
      return null;
    }
    InetAddress address;
    try {
      address = InetAddresses.forString(ip.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an IP address: '" + ip + "'");
    }
    byte[] bytes = address.getAddress();
    int keep = address instanceof Inet4Address ? 3 : 6;
    for (int i = keep; i < bytes.length; i++) {
      bytes[i] = 0;
    }
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(bytes)) + "/" + keep * 8;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
