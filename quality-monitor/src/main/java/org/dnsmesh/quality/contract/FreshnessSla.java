package org.dnsmesh.quality.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When data must be available. Two shapes:
 * <ul>
 *   <li>a plain maximum age ({@code "2h"}, {@code "PT30M"}): the newest commit must be younger than it;
 *   <li>an interval with a grace period ({@code "within 15 minutes of the hour"}, {@code "1h+15m"}): the
 *       interval [H, H+1h) must be committed by H+1h+15m.
 * </ul>
 * Both reduce to a required watermark (data must cover up to it now, else breached) and a pending
 * watermark (data that becomes due soon, else at risk).
 *
 * @param interval the interval length, or null for a plain maximum age
 * @param allowance the maximum age, or the grace period after each interval's end
 * @param atRiskShare for a plain maximum age, the share of it after which the data counts as at risk
 */
public record FreshnessSla(Duration interval, Duration allowance, double atRiskShare) {

  private static final Pattern WITHIN_OF = Pattern.compile(
      "within\\s+(.+?)\\s+(?:of|after)\\s+(?:the|each)\\s+(hour|day|(?:\\d+\\s*\\w+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern PLUS = Pattern.compile("(\\S+)\\s*\\+\\s*(\\S+)");
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)",
      Pattern.CASE_INSENSITIVE);

  public FreshnessSla {
    Objects.requireNonNull(allowance, "allowance");
    if (allowance.isNegative()) {
      throw new IllegalArgumentException("freshness allowance must not be negative: " + allowance);
    }
    if (interval != null && (interval.isZero() || interval.isNegative())) {
      throw new IllegalArgumentException("freshness interval must be positive: " + interval);
    }
    if (atRiskShare <= 0 || atRiskShare > 1) {
      throw new IllegalArgumentException("atRiskShare must be in (0, 1]: " + atRiskShare);
    }
  }

  public static FreshnessSla maxAge(Duration maxAge) {
    return new FreshnessSla(null, maxAge, 0.8);
  }

  public static FreshnessSla afterEach(Duration interval, Duration grace) {
    return new FreshnessSla(interval, grace, 1.0);
  }

  /** Parses the SLA texts described on the type. */
  public static FreshnessSla parse(String text) {
    Objects.requireNonNull(text, "freshness SLA text");
    String trimmed = text.trim();
    Matcher within = WITHIN_OF.matcher(trimmed);
    if (within.matches()) {
      String unit = within.group(2).toLowerCase(Locale.ROOT);
      Duration interval = switch (unit) {
        case "hour" -> Duration.ofHours(1);
        case "day" -> Duration.ofDays(1);
        default -> duration(unit, text);
      };
      return afterEach(interval, duration(within.group(1), text));
    }
    Matcher plus = PLUS.matcher(trimmed);
    if (plus.matches()) {
      return afterEach(duration(plus.group(1), text), duration(plus.group(2), text));
    }
    return maxAge(duration(trimmed, text));
  }

  static Duration duration(String part, String whole) {
    String value = part.trim();
    if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("freshness SLA '" + whole + "': bad ISO duration '" + value + "'", e);
      }
    }
    Matcher simple = SIMPLE.matcher(value);
    if (!simple.matches()) {
      throw new IllegalArgumentException("freshness SLA '" + whole + "': cannot read duration '" + value
          + "' (use e.g. 15m, 2h, PT30M, 'within 15 minutes of the hour', '1h+15m')");
    }
    long amount = Long.parseLong(simple.group(1));
    char unit = simple.group(2).toLowerCase(Locale.ROOT).charAt(0);
    return switch (unit) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** Commits must cover up to this instant now; older newest-commit means breached. */
  public Instant requiredWatermark(Instant now) {
    if (interval == null) {
      return now.minus(allowance);
    }
    return floor(now.minus(allowance), interval);
  }

  /** Commits should cover up to this instant soon; older means at risk. */
  public Instant pendingWatermark(Instant now) {
    if (interval == null) {
      return now.minus(Duration.ofMillis((long) (allowance.toMillis() * atRiskShare)));
    }
    return floor(now, interval);
  }

  /**
   * Event time lags commit time by up to one interval: the newest event of interval [H, H+1h) is before H+1h.
   * So event-time watermarks are the commit watermarks moved back by one interval (or kept, for a max age).
   */
  public Duration eventTimeSlack() {
    return interval == null ? Duration.ZERO : interval;
  }

  static Instant floor(Instant instant, Duration step) {
    long millis = step.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis);
  }

  @Override
  public String toString() {
    return interval == null ? "max age " + allowance : "within " + allowance + " after each " + interval;
  }
}
