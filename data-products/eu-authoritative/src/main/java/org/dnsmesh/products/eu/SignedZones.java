package org.dnsmesh.products.eu;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Which zones are DNSSEC-signed. Production reads the signer's zone list ({@link #of}); synthetic traffic uses a
 * stable share of zones ({@link #share}: a zone is signed when CRC-32 of its name mod 100 is below the percentage),
 * so the same zone is always signed or always not.
 */
public record SignedZones(Predicate<String> signed) {

  public static SignedZones of(Set<String> zones) {
    Set<String> copy = Set.copyOf(zones);
    return new SignedZones(copy::contains);
  }

  public static SignedZones share(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be in [0, 100], was " + percent);
    }
    return new SignedZones(zone -> {
      CRC32 crc = new CRC32();
      crc.update(zone.getBytes(StandardCharsets.UTF_8));
      return crc.getValue() % 100 < percent;
    });
  }

  public boolean isSigned(String zone) {
    return zone != null && signed.test(zone);
  }
}
