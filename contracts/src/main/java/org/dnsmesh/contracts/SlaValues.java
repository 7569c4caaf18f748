package org.dnsmesh.contracts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.contracts.model.SlaProperty;

/**
 * Parses SLA values. Durations ({@code freshness}, {@code latency}, {@code retention}, {@code frequency}) are a
 * number with a unit ({@code ms, s, m/min, h, d, w, y} and long forms; {@code "500 ms"}, {@code "500ms"} as text) or an ISO-8601 duration ({@code PT15M},
 * {@code P400D}); percentages ({@code completeness}, {@code availability}) are 0..100 with unit {@code percent}
 * or {@code %}, or text like {@code 99.9%}.
 */
public final class SlaValues {
    /** SLA properties whose value is a duration. */
    public static final Set<String> DURATION_PROPERTIES = Set.of("freshness", "latency", "retention", "frequency");
    /** SLA properties whose value is a percentage. */
    public static final Set<String> PERCENT_PROPERTIES = Set.of("completeness", "availability");

    private SlaValues() {}

    /** Whether {@code property} is one whose value we parse. */
    public static boolean isChecked(String property) {
        String key = normalize(property);
        return DURATION_PROPERTIES.contains(key) || PERCENT_PROPERTIES.contains(key);
    }

    public static boolean isDuration(String property) {
        return DURATION_PROPERTIES.contains(normalize(property));
    }

    public static boolean isPercent(String property) {
        return PERCENT_PROPERTIES.contains(normalize(property));
    }

    private static String normalize(String property) {
        return property == null ? "" : property.toLowerCase(Locale.ROOT);
    }

    /** The SLA value as a duration, if it parses. */
    public static Optional<Duration> duration(SlaProperty sla) {
        Object value = sla.value();
        if (value instanceof Number number) {
            return durationOf(new BigDecimal(number.toString()), sla.unit());
        }
        if (value instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
                return iso(trimmed);
            }
            // "500 ms", "500ms", "15 min", "1.5h": a number, optional space, an optional unit (else the unit field)
            java.util.regex.Matcher parts = AMOUNT_AND_UNIT.matcher(trimmed);
            if (!parts.matches()) {
                return Optional.empty();
            }
            return durationOf(new BigDecimal(parts.group(1)), parts.group(2).isEmpty() ? sla.unit() : parts.group(2));
        }
        return Optional.empty();
    }

    private static Optional<Duration> iso(String text) {
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException e) {
            try {
                Period period = Period.parse(text);
                return Optional.of(Duration.ofDays(period.getYears() * 365L + period.getMonths() * 30L + period.getDays()));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static final java.util.regex.Pattern AMOUNT_AND_UNIT =
            java.util.regex.Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([A-Za-z]*)");

    private static Optional<Duration> durationOf(BigDecimal amount, String unit) {
        if (unit == null || amount.signum() < 0) {
            return Optional.empty();
        }
        long millis = switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "ms", "msec", "msecs", "millis", "millisecond", "milliseconds" -> 1;
            case "s", "sec", "secs", "second", "seconds" -> 1000;
            case "m", "min", "mins", "minute", "minutes" -> 60_000;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000;
            case "d", "day", "days" -> 86_400_000;
            case "w", "week", "weeks" -> 7 * 86_400_000L;
            case "y", "yr", "year", "years" -> 365 * 86_400_000L;
            default -> -1;
        };
        if (millis < 0) {
            return Optional.empty();
        }
        BigDecimal total = amount.multiply(BigDecimal.valueOf(millis));
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(total.longValue()));
    }

    /** The SLA value as a percentage in 0..100, if it parses. */
    public static Optional<BigDecimal> percent(SlaProperty sla) {
        BigDecimal value = null;
        if (sla.value() instanceof Number number) {
            String unit = sla.unit() == null ? "percent" : sla.unit().trim().toLowerCase(Locale.ROOT);
            if (!unit.equals("percent") && !unit.equals("%")) {
                return Optional.empty();
            }
            value = new BigDecimal(number.toString());
        } else if (sla.value() instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.endsWith("%")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1).trim();
            }
            try {
                value = new BigDecimal(trimmed);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
