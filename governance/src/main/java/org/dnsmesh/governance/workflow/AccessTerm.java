package org.dnsmesh.governance.workflow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How long an access request asks to read a product: an ISO-8601 duration of days, hours, minutes or seconds
 * ({@code P30D}, {@code PT12H}), positive and at most the mesh's bound ({@code mesh.governance.access.max-term},
 * 90 days by default). It is the access request's "version" on the change machine, so it is stored, shown and
 * audited with the request; the grant's expiry is the approval time plus this term.
 */
public record AccessTerm(Duration duration) {
  /** Days, or a time part of hours, minutes or seconds; no months or years (their length varies). */
  static final Pattern FORMAT = Pattern.compile("P(\\d{1,5}D)?(T(\\d{1,7}H)?(\\d{1,9}M)?(\\d{1,11}S)?)?");

  public AccessTerm {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("an access term must be positive");
    }
  }

  /**
   * Parses and bounds a requested term; the message says what was wrong and what is accepted.
   *
   * @throws WorkflowException INVALID_REQUEST when it is not such a duration, not positive, or longer than {@code max}
   */
  public static AccessTerm parse(String text, Duration max) {
    Objects.requireNonNull(max, "max");
    String value = text == null ? "" : text.strip();
    Duration duration;
    try {
      if (!FORMAT.matcher(value).matches() || value.equals("P") || value.endsWith("T")) {
        throw new DateTimeParseException("not a duration of days, hours, minutes or seconds", value, 0);
      }
      duration = Duration.parse(value);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "duration '" + value + "' is not an ISO-8601"
          + " duration of days, hours, minutes or seconds (e.g. P30D, PT12H, PT90S)");
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "duration '" + value + "' must be positive");
    }
    if (duration.compareTo(max) > 0) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "duration '" + value + "' is longer than the"
          + " longest access term of " + describe(max) + " (" + max + "): ask for at most that and request again later");
    }
    return new AccessTerm(duration);
  }

  /** The term as stored on the change ({@link Duration#toString()}: {@code PT720H} for 30 days). */
  public String iso() {
    return duration.toString();
  }

  /** In words, e.g. "30 days", "12 hours", "90 seconds". */
  public static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
