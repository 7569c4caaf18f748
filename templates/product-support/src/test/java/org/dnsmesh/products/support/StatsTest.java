package org.dnsmesh.products.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void nearestRankPercentiles() {
    double[] oneToTen = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    assertThat(Percentiles.nearestRank(oneToTen, 50)).isEqualTo(5.0);
    assertThat(Percentiles.nearestRank(oneToTen, 95)).isEqualTo(10.0);
    assertThat(Percentiles.nearestRank(oneToTen, 10)).isEqualTo(1.0);
    assertThat(Percentiles.nearestRank(oneToTen, 11)).isEqualTo(2.0);
    assertThat(Percentiles.nearestRank(new double[] {42}, 99)).isEqualTo(42.0);
    assertThat(Percentiles.nearestRank(new double[0], 50)).isNull();
    assertThatThrownBy(() -> Percentiles.nearestRank(oneToTen, 0)).hasMessageContaining("(0, 100]");
  }

  @Test
  void medianMadAndRobustZ() {
    assertThat(RobustStats.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(RobustStats.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    RobustStats stats = RobustStats.of(new double[] {1, 2, 3, 4, 100});
    // median 3, |deviations| 2,1,0,1,97 -> MAD 1
    assertThat(stats.median()).isEqualTo(3.0);
    assertThat(stats.scale()).isEqualTo(1.4826);
    assertThat(stats.z(100)).isCloseTo(97 / 1.4826, within(1e-12));
  }

  @Test
  void zeroMadFallsBackToMeanAbsoluteDeviation() {
    RobustStats stats = RobustStats.of(new double[] {0, 0, 0, 1});
    // median 0, MAD 0, mean absolute deviation 0.25
    assertThat(stats.scale()).isCloseTo(1.2533 * 0.25, within(1e-12));
    assertThat(RobustStats.of(new double[] {7, 7}).z(7)).isZero();
    assertThatThrownBy(() -> RobustStats.of(new double[0])).hasMessageContaining("at least one");
  }
}
