package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppressions reach the running topology on the real broker (SASL/SCRAM, the policy's ACLs): the catalog service's
 * principal publishes an approved suppression while the topology runs, and within seconds a new finding it covers is
 * recorded on the detections topic with the suppression's id and not alerted; findings before it were alerted. A
 * suppression forged by any other principal is refused by the broker. Then it is revoked the same way (the record
 * again with revokedAt): findings from revokedAt on are alerted again within seconds, a late one before it is not.
 */
class SuppressionLiveIT {
  static final String DOMAIN = "live.example";

  @TempDir Path dir;

  @Test
  void anApprovedSuppressionStopsAlertsWithinSecondsAndOnlyTheCatalogMayPublishOne() throws Exception {
    SecurityScenario scenario = new SecurityScenario(7);
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome())) {
      SecurityDetectionsIT.createTopics(kafka);
      SecurityDetectionsIT.publishReference(kafka, scenario);
      KafkaStreams streams = DetectionApp.start(KafkaClientConfig.of(kafka.clientProperties("security-detections")),
          SecurityScenario.KEYS, dir.resolve("state"), DetectionSettings.defaults());
      try {
        // before any suppression: an NS change outside every window is alerted
        Instant first = Instant.now().minusSeconds(60);
        SecurityDetectionsIT.publishRaw(kafka, scenario.nameserverChanges(DOMAIN, List.of(first)));
        Finding alerted = awaitFinding(kafka, first, Duration.ofMinutes(4));
        assertThat(alerted.isSuppressed()).isFalse();
        awaitAlert(kafka, alerted.findingId(), Duration.ofSeconds(30));

        // forged suppressions: every principal but the catalog service is refused by the broker
        SuppressionRule forged = new SuppressionRule("forged", null, "domain:" + DOMAIN, first, first.plusSeconds(3600),
            "forged");
        for (String principal : List.of("pipeline-security", "security-detections", "steward-security", "admin")) {
          try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientProperties(principal),
              new StringSerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(DetectionTopology.SUPPRESSIONS_TOPIC,
                forged.id(), forged.toJson())).get()).as(principal).hasCauseInstanceOf(TopicAuthorizationException.class);
          }
        }

        // the catalog publishes an approved suppression (as its SuppressionPublisher does) while the topology runs
        SuppressionRule approved = new SuppressionRule("00000000-0000-0000-0000-0000000000b1",
            Rule.DELEGATION_OUTSIDE_WINDOW, "domain:" + DOMAIN, first.minusSeconds(3600), first.plus(Duration.ofDays(1)),
            "00000000-0000-0000-0000-0000000000b1");
        long published = System.nanoTime();
        SecurityDetectionsIT.publishSuppressions(kafka, List.of(approved));
        // a new NS change every 250 ms until one comes back suppressed: the time the approval takes to apply
        Finding suppressed = null;
        Instant at = first;
        long deadline = published + Duration.ofSeconds(60).toNanos();
        while (suppressed == null && System.nanoTime() < deadline) {
          at = at.plusSeconds(1);
          SecurityDetectionsIT.publishRaw(kafka, scenario.nameserverChanges(DOMAIN, List.of(at)));
          Thread.sleep(250);
          suppressed = detections(kafka).stream().filter(Finding::isSuppressed).findFirst().orElse(null);
        }
        double seconds = (System.nanoTime() - published) / 1e9;
        System.out.printf("approved suppression applied: first suppressed finding %.2f s after the publish%n", seconds);
        assertThat(suppressed).as("a suppressed finding within 60 s").isNotNull();
        assertThat(seconds).as("within seconds").isLessThan(15);
        assertThat(suppressed.suppressedBy()).isEqualTo(approved.id());
        assertThat(suppressed.caseId()).as("still bundled into its case").isNotNull();
        Thread.sleep(3_000); // the suppressed finding would be alerted by now if it were going to be
        String id = suppressed.findingId();
        assertThat(alerts(kafka)).extracting(Finding::findingId).contains(alerted.findingId()).doesNotContain(id);

        // revoked while the topology runs (the catalog writes the record again with revokedAt): findings from revokedAt
        // on are alerted again within seconds; a late one from before revokedAt stays suppressed
        Instant revokedAt = at.plusSeconds(10);
        long revoked = System.nanoTime();
        SecurityDetectionsIT.publishSuppressions(kafka, List.of(approved.revoked(revokedAt)));
        Finding alertedAgain = null;
        Instant next = revokedAt;
        while (alertedAgain == null && System.nanoTime() < revoked + Duration.ofSeconds(60).toNanos()) {
          SecurityDetectionsIT.publishRaw(kafka, scenario.nameserverChanges(DOMAIN, List.of(next)));
          next = next.plusSeconds(1);
          Thread.sleep(250);
          alertedAgain = detections(kafka).stream()
              .filter(f -> f.eventTsMillis() >= revokedAt.toEpochMilli() && !f.isSuppressed()).findFirst().orElse(null);
        }
        double revokedSeconds = (System.nanoTime() - revoked) / 1e9;
        System.out.printf("revocation applied: first finding alerted again %.2f s after the publish%n", revokedSeconds);
        assertThat(alertedAgain).as("a finding at or after revokedAt, unsuppressed, within 60 s").isNotNull();
        assertThat(revokedSeconds).as("within seconds").isLessThan(15);
        awaitAlert(kafka, alertedAgain.findingId(), Duration.ofSeconds(30));
        assertThat(detections(kafka)).as("no finding at or after revokedAt is suppressed")
            .filteredOn(f -> f.eventTsMillis() >= revokedAt.toEpochMilli()).noneMatch(Finding::isSuppressed);
        Instant late = revokedAt.minusSeconds(5);
        SecurityDetectionsIT.publishRaw(kafka, scenario.nameserverChanges(DOMAIN, List.of(late)));
        Finding lateFinding = awaitFinding(kafka, late, Duration.ofSeconds(60));
        assertThat(lateFinding.suppressedBy()).as("before revokedAt: still suppressed").isEqualTo(approved.id());
      } finally {
        streams.close(Duration.ofSeconds(30));
      }
    }
  }

  private static Finding awaitFinding(EphemeralKafka kafka, Instant eventTime, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Finding> found = detections(kafka).stream()
          .filter(f -> f.eventTsMillis() == eventTime.toEpochMilli()).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no finding for the event at " + eventTime + " within " + timeout);
  }

  private static void awaitAlert(EphemeralKafka kafka, String findingId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (alerts(kafka).stream().noneMatch(a -> a.findingId().equals(findingId))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("finding " + findingId + " not alerted within " + timeout);
      }
      Thread.sleep(500);
    }
  }

  private static List<Finding> detections(EphemeralKafka kafka) {
    return TopicReader.readAll(kafka.adminProperties(), RegistrarChanges.DETECTIONS.toString()).stream()
        .map(r -> JsonSerde.read(r.value(), Finding.class)).filter(f -> f.domain().equals(DOMAIN)).toList();
  }

  private static List<Finding> alerts(EphemeralKafka kafka) {
    return TopicReader.readAll(kafka.adminProperties(), DetectionTopology.ALERTS_TOPIC).stream()
        .map(r -> JsonSerde.read(r.value(), Finding.class)).filter(f -> f.domain().equals(DOMAIN)).toList();
  }
}
