package org.dnsmesh.productkit.normalize;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;
import org.dnsmesh.productkit.cache.BoundedCache;

/**
 * Query-name normalisation: lowercase, trailing dot removed, IDNA to A-labels ({@link IDN}, IDNA 2003 mapping
 * without the STD3 host-name rule, so service labels like {@code _ldap._tcp} pass), and the public suffix and
 * registrable domain from the Public Suffix List that ships inside Guava's {@link InternetDomainName}. Names that
 * IDNA rejects are kept lowercased with {@code valid=false}, so a contract pattern can quarantine them rather than
 * the normaliser dropping them. Results are cached: query names follow a Zipf law, so a small cache hits often.
 */
public final class DnsNames {

  private static final int CACHE_LIMIT = 200_000;
  private static final DnsName ROOT = new DnsName(".", null, null, null, null, true);

  private final BoundedCache<String, DnsName> cache = new BoundedCache<>(CACHE_LIMIT);

  public DnsName normalize(String raw) {
    return raw == null ? null : cache.get(raw, DnsNames::compute);
  }

  private static DnsName compute(String raw) {
    String name = raw.strip().toLowerCase(Locale.ROOT);
    while (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      return ROOT;
    }
    String ascii;
    try {
      ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return new DnsName(name, null, lastLabel(name), null, null, false);
    }
    String unicode = IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
    boolean hostName = ascii.chars().allMatch(c -> c == '.' || c == '-' || c == '_' || c == '*'
        || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    String publicSuffix = null;
    String registrable = null;
    if (hostName) {
      // one parse instead of isValid + from + ancestor() per accessor: each re-parses and re-validates the name
      InternetDomainName domain = parseOrNull(ascii);
      if (domain != null && domain.hasPublicSuffix()) {
        publicSuffix = domain.publicSuffix().toString();
        if (!publicSuffix.equals(ascii)) { // under the suffix: the registrable domain is one label more
          registrable = lastLabels(ascii, labels(publicSuffix) + 1);
        }
      }
    }
    return new DnsName(ascii, unicode.equals(ascii) ? null : unicode, lastLabel(ascii), publicSuffix, registrable,
        hostName);
  }

  private static InternetDomainName parseOrNull(String ascii) {
    try {
      return InternetDomainName.from(ascii);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int labels(String name) {
    int count = 1;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '.') {
        count++;
      }
    }
    return count;
  }

  /** The last {@code count} labels of {@code name} (the whole name when it has no more). */
  private static String lastLabels(String name, int count) {
    int at = name.length();
    for (int found = 0; found < count; found++) {
      at = name.lastIndexOf('.', at - 1);
      if (at < 0) {
        return name;
      }
    }
    return name.substring(at + 1);
  }

  private static String lastLabel(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }
}
