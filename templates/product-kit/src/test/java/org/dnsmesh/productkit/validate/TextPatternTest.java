package org.dnsmesh.productkit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compiled patterns give exactly the answers of java.util.regex, on the table path and on the regex path. */
class TextPatternTest {

  static final List<String> PATTERNS = List.of("[0-9a-f]{32}", "[A-Z]+", "[a-z0-9-]{1,63}", "[a-z0-9_*-]*",
      "[ab]?", "[-x]{2,}", "[.]{3}", "\\.|[a-z0-9_*-]+(\\.[a-z0-9_*-]+)*", "[^a-z]+", "[a-z&&[^e]]+", "(?i)[a-f]+");
  static final String ALPHABET = "0123456789abcdefxyzABCZ-_.*é ";

  @Test
  void sameAnswersAsRegex() {
    SplittableRandom random = new SplittableRandom(6);
    for (String regex : PATTERNS) {
      Pattern pattern = Pattern.compile(regex);
      TextPattern compiled = TextPattern.compile(pattern);
      for (int i = 0; i < 20_000; i++) {
        String text = randomText(random, random.nextInt(i % 7 == 0 ? 40 : 6));
        assertThat(compiled.matches(text)).as("/%s/ on '%s'", regex, text).isEqualTo(pattern.matcher(text).matches());
      }
      String hex = "0123456789abcdef0123456789abcdef";
      assertThat(compiled.matches(hex)).as("/%s/ on '%s'", regex, hex).isEqualTo(pattern.matcher(hex).matches());
      assertThat(compiled.matches(hex)).as("memoised answer").isEqualTo(pattern.matcher(hex).matches());
    }
  }

  @Test
  void simpleClassesUseTheTable() {
    assertThat(TextPattern.compile(Pattern.compile("[0-9a-f]{32}")).isTable()).isTrue();
    assertThat(TextPattern.compile(Pattern.compile("[a-z0-9-]{1,63}")).isTable()).isTrue();
    assertThat(TextPattern.compile(Pattern.compile("[^a-z]+")).isTable()).isFalse();
    assertThat(TextPattern.compile(Pattern.compile("\\.|[a-z]+")).isTable()).isFalse();
    assertThat(TextPattern.compile(Pattern.compile("[a-f]+", Pattern.CASE_INSENSITIVE)).isTable()).isFalse();
  }

  private static String randomText(SplittableRandom random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
