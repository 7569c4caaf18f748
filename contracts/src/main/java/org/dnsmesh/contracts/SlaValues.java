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
 * number with a unit ({@code s, m/min, h, d, w, y} and long forms) or an ISO-8601 duration ({@code PT15M},
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
            String[] parts = trimmed.split("\\s+", 2);
            try {
                BigDecimal amount = new BigDecimal(parts[0]);
                return durationOf(amount, parts.length > 1 ? parts[1] : sla.unit());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
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

    private static Optional<Duration> durationOf(BigDecimal amount, String unit) {
        if (unit == null || amount.signum() < 0) {
            return Optional.empty();
        }
        long seconds = switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "s", "sec", "second", "seconds" -> 1;
            case "m", "min", "minute", "minutes" -> 60;
            case "h", "hr", "hour", "hours" -> 3600;
            case "d", "day", "days" -> 86_400;
            case "w", "week", "weeks" -> 7 * 86_400;
            case "y", "yr", "year", "years" -> 365 * 86_400;
            default -> -1;
        };
        if (seconds < 0) {
            return Optional.empty();
        }
        BigDecimal total = amount.multiply(BigDecimal.valueOf(seconds));
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(total.multiply(BigDecimal.valueOf(1000)).longValue()));
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
