package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dnsmesh.products.na.OutlierClients.Daily;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

class OutlierClientsTest {

  static List<Row> traffic(Map<String, int[]> queriesAndNx) {
    List<Row> rows = new ArrayList<>();
    Instant ts = Instant.parse("2026-01-05T12:00:00Z");
    queriesAndNx.forEach((client, qn) -> {
      for (int i = 0; i < qn[0]; i++) {
        Map<String, Object> v = new HashMap<>();
        v.put("event_ts", ts.plusSeconds(i));
        v.put("client_id", client);
        v.put("rcode", i < qn[1] ? "NXDOMAIN" : "NOERROR");
        rows.add(new Row(v));
      }
    });
    return rows;
  }

  @Test
  void robustZScoresOnVolumeAndNxdomainRatio() {
    // volumes 10, 11, 12, 13, 100 -> median 12, MAD 1; NX ratios 0, 0, 0, 0, 0.9 -> median 0, MAD 0
    List<Daily> daily = OutlierClients.daily(traffic(Map.of("a", new int[] {10, 0}, "b", new int[] {11, 0},
        "c", new int[] {12, 0}, "d", new int[] {13, 0}, "e", new int[] {100, 90})), OutlierClients.DEFAULT_THRESHOLD);

    assertThat(daily).extracting(Daily::clientId).containsExactly("a", "b", "c", "d", "e");
    Daily a = daily.get(0);
    Daily e = daily.get(4);
    assertThat(a.volumeZ()).isCloseTo(-2 / 1.4826, within(1e-12));
    assertThat(a.outlier()).isFalse();
    assertThat(e.queries()).isEqualTo(100);
    assertThat(e.nxdomains()).isEqualTo(90);
    assertThat(e.nxdomainRatio()).isEqualTo(0.9);
    assertThat(e.volumeZ()).isCloseTo(88 / 1.4826, within(1e-12));
    // MAD of the ratios is 0: the scale falls back to 1.2533 * mean absolute deviation (0.9 / 5 = 0.18).
    assertThat(e.nxdomainRatioZ()).isCloseTo(0.9 / (1.2533 * 0.18), within(1e-12));
    assertThat(e.outlier()).isTrue();
    assertThat(daily.stream().filter(Daily::outlier)).hasSize(1);
  }

  @Test
  void identicalClientsHaveZeroScores() {
    List<Daily> daily = OutlierClients.daily(traffic(Map.of("a", new int[] {5, 1}, "b", new int[] {5, 1})), 3.5);
    assertThat(daily).allSatisfy(d -> {
      assertThat(d.volumeZ()).isZero();
      assertThat(d.nxdomainRatioZ()).isZero();
      assertThat(d.outlier()).isFalse();
    });
  }
}
