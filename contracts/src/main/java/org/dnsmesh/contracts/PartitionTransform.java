package org.dnsmesh.contracts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the {@code partitioning} custom property, in Iceberg's transform notation:
 * {@code identity(col)} (or bare {@code col}), {@code year|month|day|hour(col)}, {@code bucket(N, col)},
 * {@code truncate(W, col)}.
 */
public record PartitionTransform(String transform, Integer parameter, String column) {
    private static final Pattern CALL = Pattern.compile(
            "^\\s*(identity|year|month|day|hour|bucket|truncate)\\s*\\(\\s*(?:(\\d+)\\s*,\\s*)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$");
    private static final Pattern BARE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*$");

    /** Parses an entry; empty when it is not a known transform with the right arguments. */
    public static Optional<PartitionTransform> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher bare = BARE.matcher(text);
        if (bare.matches()) {
            return Optional.of(new PartitionTransform("identity", null, bare.group(1)));
        }
        Matcher call = CALL.matcher(text);
        if (!call.matches()) {
            return Optional.empty();
        }
        String transform = call.group(1);
        boolean needsParameter = transform.equals("bucket") || transform.equals("truncate");
        if (needsParameter != (call.group(2) != null)) {
            return Optional.empty();
        }
        Integer parameter = call.group(2) == null ? null : Integer.valueOf(call.group(2));
        return Optional.of(new PartitionTransform(transform, parameter, call.group(3)));
    }

    @Override
    public String toString() {
        return transform + "(" + (parameter == null ? "" : parameter + ", ") + column + ")";
    }
}
