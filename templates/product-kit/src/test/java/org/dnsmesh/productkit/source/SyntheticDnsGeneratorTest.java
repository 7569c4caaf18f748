package org.dnsmesh.productkit.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticDnsGeneratorTest {

  private static List<RawDnsEvent> generate(SyntheticProfile profile) {
    List<RawDnsEvent> events = new ArrayList<>();
    new SyntheticDnsGenerator(profile).generate(profile.events(), events::add);
    return events;
  }

  @Test
  void sameSeedGivesTheSameEvents() {
    SyntheticProfile profile = SyntheticProfile.resolverDefaults(2_000, 42);
    assertThat(generate(profile)).isEqualTo(generate(profile));
    assertThat(generate(profile)).isNotEqualTo(generate(SyntheticProfile.resolverDefaults(2_000, 43)));
  }

  @Test
  void distributionsLookLikeResolverTraffic() {
    List<RawDnsEvent> events = generate(SyntheticProfile.resolverDefaults(50_000, 7));
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> rcodes = new HashMap<>();
    Map<String, Integer> clients = new HashMap<>();
    for (RawDnsEvent e : events) {
      names.merge(e.query(), 1, Integer::sum);
      rcodes.merge(e.rcodeName(), 1, Integer::sum);
      clients.merge(e.clientIp(), 1, Integer::sum);
    }
    List<Integer> byPopularity = names.values().stream().sorted((a, b) -> b - a).toList();
    // Zipf: the top name is far more popular than the 100th
    assertThat(byPopularity.getFirst()).isGreaterThan(byPopularity.get(99) * 20);
    double nxdomainShare = rcodes.get("NXDOMAIN") / (double) events.size();
    assertThat(nxdomainShare).isBetween(0.015, 0.10);
    assertThat(clients.size()).isGreaterThan(500);
    assertThat(events).isSortedAccordingTo((a, b) -> a.timestamp().compareTo(b.timestamp()));
  }

  @Test
  void originalIsAJsonLineThatReadsBackToTheSameEvent() throws Exception {
    RawDnsEvent event = generate(SyntheticProfile.resolverDefaults(10, 1)).get(3);
    RawDnsEvent reread = JsonLinesDnsReader.parse(event.original(), event.position());
    assertThat(reread).isEqualTo(event);
  }
}
