package org.dnsmesh.productkit.pseudonymize;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.dnsmesh.productkit.cache.BoundedCache;

/**
 * Applies column treatments to a row before it leaves the ingest process. Every source column named by a rule is
 * an identifier: its raw value is removed from the row unless a {@link Treatment#CLEAR} rule writes it back, so a
 * raw identifier only survives where the contract says it is clear. Columns no rule names pass unchanged.
 * <p>Fold later: the rules come from the ODCS contract's column classification ({@code contracts} module).
 */
public final class PrivacyPolicy {

  private final List<ColumnTreatment> treatments;
  private final Set<String> identifierColumns = new HashSet<>();
  private final Pseudonymizer pseudonymizer;
  /** Recent truncations (bounded): the same client addresses recur, and parsing them was a share of ingest. */
  private final BoundedCache<String, String> truncated = new BoundedCache<>(100_000);

  public PrivacyPolicy(List<ColumnTreatment> treatments, Pseudonymizer pseudonymizer) {
    this.treatments = List.copyOf(treatments);
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    for (ColumnTreatment treatment : this.treatments) {
      identifierColumns.add(treatment.source());
    }
  }

  public List<ColumnTreatment> treatments() {
    return treatments;
  }

  /** A new row with the treatments applied; the input row is not changed. */
  public Map<String, Object> apply(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>(row.size() + treatments.size() * 2);
    for (Map.Entry<String, Object> column : row.entrySet()) {
      if (!identifierColumns.contains(column.getKey())) {
        out.put(column.getKey(), column.getValue());
      }
    }
    for (ColumnTreatment rule : treatments) {
      Object value = row.get(rule.source());
      String text = value == null ? null : value.toString();
      switch (rule.treatment()) {
        case CLEAR -> out.put(rule.target(), value);
        case HMAC -> {
          Pseudonym pseudonym = pseudonym(text);
          out.put(rule.target(), pseudonym == null ? null : pseudonym.value());
          out.put(rule.keyIdColumn(), pseudonym == null ? null : pseudonym.keyId());
        }
        case TRUNCATE -> out.put(rule.target(), truncate(text));
        case DROP -> out.remove(rule.target());
      }
    }
    return out;
  }

  /** The HMAC pseudonym of one identifier with the current key ({@code null} for {@code null}). */
  public Pseudonym pseudonym(String identifier) {
    return pseudonymizer.pseudonymize(identifier);
  }

  /** One address truncated to its /24 (IPv4) or /48 (IPv6) prefix ({@code null} for {@code null}). */
  public String truncate(String ip) {
    if (ip == null) {
      return null;
    }
    return truncated.get(ip, IpTruncation::truncate);
  }
}
