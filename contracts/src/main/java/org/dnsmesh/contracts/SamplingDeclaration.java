package org.dnsmesh.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.CustomProperty;
import org.dnsmesh.contracts.model.SchemaObject;

/**
 * The stratified sampling a schema object declares in {@code customProperties.sampling}: rows matching a
 * {@code keepAll} rule are all kept (rate 1); every other row is kept with the rate of its stratum (the values of the
 * {@code strata} columns): the first {@code strataRates} entry whose {@code when} matches, else {@code rate}. The
 * decision hashes the {@code key} column (default {@code event_id}) with {@code salt}, so it is a function of the row
 * alone and replays keep the same rows. Each kept row carries its rate in {@code rateColumn} so that
 * {@code sum(1 / rateColumn)} estimates the unsampled count.
 *
 * <pre>
 * - property: sampling
 *   value:
 *     rate: 0.1
 *     rateColumn: sample_rate
 *     strata: [tld, rcode]
 *     strataRates:
 *       - when: {tld: arpa}
 *         rate: 0.01
 *     keepAll:
 *       rcode: [NXDOMAIN, SERVFAIL]
 *       qtype: [ANY, AXFR, TXT]
 * </pre>
 */
public record SamplingDeclaration(double rate, String rateColumn, String keyColumn, String salt, List<String> strata,
        List<StratumRate> strataRates, Map<String, Set<String>> keepAll) {

    public static final String RATE = "rate";
    public static final String RATE_COLUMN = "rateColumn";
    public static final String KEY = "key";
    public static final String SALT = "salt";
    public static final String STRATA = "strata";
    public static final String STRATA_RATES = "strataRates";
    public static final String KEEP_ALL = "keepAll";
    /** The hashed column when the declaration names none: the kit's stable event id. */
    public static final String DEFAULT_KEY = "event_id";

    private static final Set<String> KEYS = Set.of(RATE, RATE_COLUMN, KEY, SALT, STRATA, STRATA_RATES, KEEP_ALL);

    /** A rate for the strata whose columns have the values in {@code when} (a subset of the strata columns). */
    public record StratumRate(Map<String, String> when, double rate) {
        public StratumRate {
            when = Map.copyOf(when);
        }
    }

    /** What is wrong with a declaration, at {@code pointer} relative to the custom property's {@code value}. */
    public record Problem(String pointer, String message) {}

    public SamplingDeclaration {
        Objects.requireNonNull(rateColumn, "rateColumn");
        Objects.requireNonNull(keyColumn, "keyColumn");
        Objects.requireNonNull(salt, "salt");
        strata = List.copyOf(strata);
        strataRates = List.copyOf(strataRates);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        keepAll.forEach((column, values) -> copy.put(column, Set.copyOf(values)));
        keepAll = java.util.Collections.unmodifiableMap(copy);
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate " + rate + " is not in (0, 1]");
        }
    }

    /** The declaration of {@code object}, if it has one; throws naming every problem if it is invalid. */
    public static Optional<SamplingDeclaration> of(SchemaObject object) {
        Optional<CustomProperty> declared = CustomProperties.find(object.customProperties(), CustomPropertyKeys.SAMPLING);
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        Parser parser = new Parser(object);
        SamplingDeclaration declaration = parser.parse(declared.get().value());
        if (!parser.problems.isEmpty()) {
            throw new IllegalArgumentException("schema object '" + object.name() + "': customProperties.sampling: "
                    + String.join("; ", parser.problems.stream().map(p -> p.pointer() + ": " + p.message()).toList()));
        }
        return Optional.of(declaration);
    }

    /** Every problem of a declared {@code value} on {@code object} (empty when valid). */
    public static List<Problem> problems(Object value, SchemaObject object) {
        Parser parser = new Parser(object);
        parser.parse(value);
        return List.copyOf(parser.problems);
    }

    private static final class Parser {
        private final SchemaObject object;
        private final List<Problem> problems = new ArrayList<>();

        Parser(SchemaObject object) {
            this.object = object;
        }

        /** The declaration, or null when it cannot be built (then {@link #problems} says why). */
        SamplingDeclaration parse(Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                problem("", "sampling must be a map with " + RATE + " and " + RATE_COLUMN + " (optional: " + KEY + ", "
                        + SALT + ", " + STRATA + ", " + STRATA_RATES + ", " + KEEP_ALL + ")");
                return null;
            }
            for (Object key : map.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    problem("/" + key, "unknown sampling key '" + key + "'; known keys: " + String.join(", ", new TreeSet<>(KEYS)));
                }
            }
            double rate = rate(map.get(RATE), "/" + RATE, true);
            String rateColumn = rateColumn(map.get(RATE_COLUMN));
            String keyColumn = DEFAULT_KEY;
            if (map.get(KEY) != null) {
                keyColumn = column(map.get(KEY), "/" + KEY, "key");
            } else if (object.property(DEFAULT_KEY).isEmpty()) {
                problem("", "names no " + KEY + " column and object '" + object.name() + "' has no " + DEFAULT_KEY
                        + " to hash");
            }
            String salt = map.get(SALT) == null ? "" : String.valueOf(map.get(SALT));
            List<String> strata = strata(map.get(STRATA));
            List<StratumRate> strataRates = strataRates(map.get(STRATA_RATES), strata);
            Map<String, Set<String>> keepAll = keepAll(map.get(KEEP_ALL));
            if (!problems.isEmpty()) {
                return null;
            }
            return new SamplingDeclaration(rate, rateColumn, keyColumn, salt, strata, strataRates, keepAll);
        }

        private double rate(Object value, String pointer, boolean required) {
            if (value == null) {
                if (required) {
                    problem(pointer, "a rate is required: the share of rows kept, in (0, 1]");
                }
                return 1;
            }
            if (!(value instanceof Number number) || !(number.doubleValue() > 0 && number.doubleValue() <= 1)) {
                problem(pointer, "rate '" + value + "' is not a number in (0, 1] (0.1 keeps one row in ten)");
                return 1;
            }
            return number.doubleValue();
        }

        private String rateColumn(Object value) {
            if (value == null) {
                problem("/" + RATE_COLUMN, "rateColumn is required: the number column each row's rate is recorded in,"
                        + " so that sum(1 / rate) estimates the unsampled count");
                return "";
            }
            String column = column(value, "/" + RATE_COLUMN, "rateColumn");
            object.property(column).filter(p -> !"number".equals(p.logicalType())).ifPresent(p -> problem(
                    "/" + RATE_COLUMN, "rateColumn '" + column + "' has logicalType '" + p.logicalType()
                            + "'; it must be a number (e.g. physicalType double)"));
            return column;
        }

        private String column(Object value, String pointer, String what) {
            String column = String.valueOf(value);
            if (!(value instanceof String) || object.property(column).isEmpty()) {
                problem(pointer, what + " names column '" + column + "', which object '" + object.name()
                        + "' does not have");
            }
            return column;
        }

        private List<String> strata(Object value) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                problem("/" + STRATA, "strata must be a list of columns, e.g. [tld, rcode]");
                return List.of();
            }
            Set<String> out = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String column = column(list.get(i), "/" + STRATA + "/" + i, "stratum");
                if (!out.add(column)) {
                    problem("/" + STRATA + "/" + i, "stratum column '" + column + "' is listed twice");
                }
            }
            return List.copyOf(out);
        }

        private List<StratumRate> strataRates(Object value, List<String> strata) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                problem("/" + STRATA_RATES, "strataRates must be a list of {when: {column: value}, rate: r}");
                return List.of();
            }
            List<StratumRate> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String pointer = "/" + STRATA_RATES + "/" + i;
                if (!(list.get(i) instanceof Map<?, ?> entry) || !(entry.get("when") instanceof Map<?, ?> when)
                        || when.isEmpty()) {
                    problem(pointer, "a strataRates entry must be {when: {column: value, ...}, rate: r}");
                    continue;
                }
                Map<String, String> match = new LinkedHashMap<>();
                when.forEach((column, columnValue) -> {
                    if (!strata.contains(String.valueOf(column))) {
                        problem(pointer + "/when/" + column, "'" + column + "' is not one of the strata " + strata
                                + "; a stratum rate can only name strata columns");
                    }
                    match.put(String.valueOf(column), String.valueOf(columnValue));
                });
                out.add(new StratumRate(match, rate(entry.get(RATE), pointer + "/" + RATE, true)));
            }
            return out;
        }

        private Map<String, Set<String>> keepAll(Object value) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> map)) {
                problem("/" + KEEP_ALL, "keepAll must map columns to the values whose rows are all kept, e.g."
                        + " {rcode: [NXDOMAIN, SERVFAIL]}");
                return Map.of();
            }
            Map<String, Set<String>> out = new LinkedHashMap<>();
            map.forEach((key, values) -> {
                String pointer = "/" + KEEP_ALL + "/" + key;
                String column = column(key, pointer, "keepAll");
                List<?> list = values instanceof List<?> l ? l : values == null ? List.of() : List.of(values);
                if (list.isEmpty()) {
                    problem(pointer, "keepAll." + column + " lists no values");
                }
                Set<String> kept = new LinkedHashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) == null) {
                        // YAML 1.2 reads a bare NULL (the qtype) as null: say so rather than keep nothing
                        problem(pointer + "/" + i, "value is null; quote it (\"NULL\") if the text is meant");
                    } else {
                        kept.add(String.valueOf(list.get(i)));
                    }
                }
                out.put(column, kept);
            });
            return out;
        }

        private void problem(String pointer, String message) {
            problems.add(new Problem(pointer, message));
        }
    }
}
