package org.dnsmesh.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessTermTest {
  private static final Duration MAX = Duration.ofDays(90);

  @Test
  void acceptsDaysHoursMinutesAndSecondsUpToTheBound() {
    assertThat(AccessTerm.parse("P30D", MAX).duration()).isEqualTo(Duration.ofDays(30));
    assertThat(AccessTerm.parse("PT12H", MAX).duration()).isEqualTo(Duration.ofHours(12));
    assertThat(AccessTerm.parse("PT1H30M", MAX).duration()).isEqualTo(Duration.ofMinutes(90));
    assertThat(AccessTerm.parse("P90D", MAX).duration()).isEqualTo(MAX);
    assertThat(AccessTerm.parse("PT20S", MAX).iso()).isEqualTo("PT20S");
    assertThat(AccessTerm.describe(Duration.ofDays(30))).isEqualTo("30 days");
    assertThat(AccessTerm.describe(Duration.ofSeconds(1))).isEqualTo("1 second");
  }

  @Test
  void refusesLongerThanTheBoundZeroNegativeAndWhatIsNoDuration() {
    assertThatThrownBy(() -> AccessTerm.parse("P91D", MAX)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("longer than the longest access term of 90 days");
    assertThatThrownBy(() -> AccessTerm.parse("PT2161H", MAX)).hasMessageContaining("longer than");
    for (String invalid : new String[] {"", "P", "PT", "30", "P1M", "P1Y", "P1W", "-P1D", "P-1D", "PT0.5S", "P1DT", "1 day", null}) {
      assertThatThrownBy(() -> AccessTerm.parse(invalid, MAX)).as(String.valueOf(invalid))
          .isInstanceOf(WorkflowException.class).hasMessageContaining("is not an ISO-8601 duration");
    }
    assertThatThrownBy(() -> AccessTerm.parse("PT0S", MAX)).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> AccessTerm.parse("P0D", MAX)).hasMessageContaining("must be positive");
  }

  @Test
  void everyStoredTermIsAValidAccessRequestVersion() {
    for (String term : new String[] {"P30D", "PT12H", "PT90S", "P90D", "PT1H30M"}) {
      ChangeKind.ACCESS_REQUEST.checkVersion("proposed", AccessTerm.parse(term, MAX).iso());
    }
    assertThatThrownBy(() -> ChangeKind.ACCESS_REQUEST.checkVersion("proposed", "1.0.0"))
        .hasMessageContaining("ISO-8601 duration");
  }
}
