package org.dnsmesh.productkit.sample;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Decides which rows a product keeps under a stratified sample, as a pure function of the row: a row matching a
 * keep-all rule is kept at rate 1; any other row gets the rate of its stratum (the first {@link StratumRate} whose
 * values match, else the default rate) and is kept when the keyed hash of its key column, read as a number in
 * [0, 1), is below that rate. The key is the stable event id, so a replay, a retry after a crash or a second
 * pipeline over the same events keeps exactly the same rows (exactly-once holds for the sample too). The hash is
 * SipHash-2-4 keyed by the contract's salt: uniform over the ids, and a different salt draws an independent sample.
 */
public final class StratifiedSampler {

  /** A rate for rows whose stratum columns have the given values. */
  public record StratumRate(Map<String, String> when, double rate) {
    public StratumRate {
      when = Map.copyOf(when);
      checkRate(rate);
    }
  }

  private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

  private final double rate;
  private final String keyColumn;
  private final String rateColumn;
  private final List<String> strata;
  private final List<StratumRate> strataRates;
  private final Map<String, Set<String>> keepAll;
  private final HashFunction hash;

  public StratifiedSampler(double rate, String keyColumn, String rateColumn, String salt, List<String> strata,
      List<StratumRate> strataRates, Map<String, Set<String>> keepAll) {
    this.rate = checkRate(rate);
    this.keyColumn = Objects.requireNonNull(keyColumn, "keyColumn");
    this.rateColumn = Objects.requireNonNull(rateColumn, "rateColumn");
    this.strata = List.copyOf(strata);
    this.strataRates = List.copyOf(strataRates);
    for (StratumRate stratumRate : this.strataRates) {
      if (!this.strata.containsAll(stratumRate.when().keySet())) {
        throw new IllegalArgumentException("stratum rate " + stratumRate.when() + " names columns outside the strata "
            + this.strata);
      }
    }
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    keepAll.forEach((column, values) -> copy.put(column, Set.copyOf(values)));
    this.keepAll = java.util.Collections.unmodifiableMap(copy);
    ByteBuffer key = ByteBuffer.wrap(Hashing.sha256().hashString(Objects.requireNonNull(salt, "salt"),
        StandardCharsets.UTF_8).asBytes());
    this.hash = Hashing.sipHash24(key.getLong(), key.getLong());
  }

  /** The column each kept row records its rate in. */
  public String rateColumn() {
    return rateColumn;
  }

  /**
   * The rate {@code row} is sampled at: 1 when a keep-all rule matches, else its stratum's rate. A row without a
   * key has nothing to hash and is kept whole (rate 1) rather than lost.
   */
  public double rateOf(Map<String, Object> row) {
    if (row.get(keyColumn) == null) {
      return 1;
    }
    for (Map.Entry<String, Set<String>> rule : keepAll.entrySet()) {
      Object value = row.get(rule.getKey());
      if (value != null && rule.getValue().contains(String.valueOf(value))) {
        return 1;
      }
    }
    for (StratumRate stratumRate : strataRates) {
      if (matches(stratumRate.when(), row)) {
        return stratumRate.rate();
      }
    }
    return rate;
  }

  /** The rate when {@code row} is in the sample; empty when it is sampled out. */
  public OptionalDouble decide(Map<String, Object> row) {
    double rowRate = rateOf(row);
    if (rowRate >= 1 || unitHash(String.valueOf(row.get(keyColumn))) < rowRate) {
      return OptionalDouble.of(rowRate);
    }
    return OptionalDouble.empty();
  }

  /** The values of the strata columns of {@code row} (null where the row has none): the stratum it counts in. */
  public List<String> stratum(Map<String, Object> row) {
    List<String> values = new ArrayList<>(strata.size());
    for (String column : strata) {
      Object value = row.get(column);
      values.add(value == null ? null : String.valueOf(value));
    }
    return java.util.Collections.unmodifiableList(values);
  }

  /** The keyed hash of {@code key} as a number uniform in [0, 1) (the top 53 bits, exact in a double). */
  double unitHash(String key) {
    return (hash.hashString(key, StandardCharsets.UTF_8).asLong() >>> 11) * TWO_TO_MINUS_53;
  }

  private static boolean matches(Map<String, String> when, Map<String, Object> row) {
    for (Map.Entry<String, String> entry : when.entrySet()) {
      Object value = row.get(entry.getKey());
      if (value == null || !entry.getValue().equals(String.valueOf(value))) {
        return false;
      }
    }
    return true;
  }

  private static double checkRate(double rate) {
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("sampling rate " + rate + " is not in (0, 1]");
    }
    return rate;
  }
}
