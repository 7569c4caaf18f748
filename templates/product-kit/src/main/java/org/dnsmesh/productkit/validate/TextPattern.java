package org.dnsmesh.productkit.validate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dnsmesh.productkit.cache.BoundedCache;

/**
 * A contract pattern (whole-value match) compiled once per rule. Patterns that are one ASCII character class with a
 * count ({@code [0-9a-f]{32}}, {@code [A-Z]+}, {@code [a-z0-9-]{1,63}}) are checked with a lookup table; any other
 * pattern runs on {@link java.util.regex} and its answers are remembered for values that repeat (query names follow
 * a Zipf law), up to a bounded number of values. Same answers as {@code pattern.matcher(text).matches()}.
 * Thread-safe.
 */
final class TextPattern {

  private static final Pattern ONE_CLASS = Pattern.compile("\\[([^\\]\\[\\\\^&]+)\\](?:\\{(\\d+)(?:,(\\d*))?\\}|([+*?]))?");
  private static final int MEMO_LIMIT = 100_000;

  private final Pattern pattern;
  private final boolean[] allowed;
  private final int minLength;
  private final int maxLength;
  private final BoundedCache<String, Boolean> memo;

  private TextPattern(Pattern pattern, boolean[] allowed, int minLength, int maxLength) {
    this.pattern = pattern;
    this.allowed = allowed;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.memo = allowed == null ? new BoundedCache<>(MEMO_LIMIT) : null;
  }

  static TextPattern compile(Pattern pattern) {
    Matcher m = ONE_CLASS.matcher(pattern.pattern());
    if (pattern.flags() != 0 || !m.matches()) {
      return new TextPattern(pattern, null, 0, 0);
    }
    boolean[] allowed = characterClass(m.group(1));
    if (allowed == null) {
      return new TextPattern(pattern, null, 0, 0);
    }
    int min;
    int max;
    if (m.group(2) != null) {
      min = Integer.parseInt(m.group(2));
      max = m.group(3) == null ? min : m.group(3).isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(m.group(3));
    } else if (m.group(4) != null) {
      min = m.group(4).equals("+") ? 1 : 0;
      max = m.group(4).equals("?") ? 1 : Integer.MAX_VALUE;
    } else {
      min = 1;
      max = 1;
    }
    return new TextPattern(pattern, allowed, min, max);
  }

  Pattern pattern() {
    return pattern;
  }

  /** True when the table path is used (for tests). */
  boolean isTable() {
    return allowed != null;
  }

  /**
   * For a table pattern ({@link #isTable}): whether UTF-8 {@code bytes[0, length)} match, without making a
   * {@code String}. Same answer as {@link #matches} on the decoded text: the classes are ASCII, so any byte >= 0x80
   * fails both, and for ASCII text bytes and chars are the same count.
   */
  boolean matchesUtf8(byte[] bytes, int length) {
    if (length < minLength || length > maxLength) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      int b = bytes[i];
      if (b < 0 || !allowed[b]) {
        return false;
      }
    }
    return true;
  }

  boolean matches(String text) {
    if (allowed != null) {
      int length = text.length();
      if (length < minLength || length > maxLength) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (c >= 128 || !allowed[c]) {
          return false;
        }
      }
      return true;
    }
    return memo.get(text, value -> pattern.matcher(value).matches());
  }

  /** The class body as a table of allowed ASCII characters; {@code null} when it is not plain ranges and literals. */
  private static boolean[] characterClass(String body) {
    boolean[] allowed = new boolean[128];
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c >= 128) {
        return null;
      }
      if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
        char to = body.charAt(i + 2);
        if (to >= 128 || to < c) {
          return null;
        }
        for (char x = c; x <= to; x++) {
          allowed[x] = true;
        }
        i += 2;
      } else {
        allowed[c] = true;
      }
    }
    return allowed;
  }
}
