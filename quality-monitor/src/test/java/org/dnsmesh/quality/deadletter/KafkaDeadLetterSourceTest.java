package org.dnsmesh.quality.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Which dead letters are lost source lines: the source header's two shapes of the product kit, and nothing else. */
class KafkaDeadLetterSourceTest {

  @Test
  void aSourceLineIsUnparsedAndAConsumedRecordIsAQuarantineCopy() {
    assertThat(KafkaDeadLetterSource.classify(letter("/captures/dns.2026-12-07.log.gz:1042"))).isZero();
    assertThat(KafkaDeadLetterSource.classify(letter("dns.log:7"))).isZero();
    assertThat(KafkaDeadLetterSource.classify(letter("na.na-resolver-queries.raw/2@18446"))).isEqualTo(1);
  }

  @Test
  void aFileNamedLikeATopicPositionStillCountsAsALostLineAndUnknownShapesCountAsNeither() {
    // a path that looks like topic/partition@offset but ends in :line is a source line: not hidden as a copy
    assertThat(KafkaDeadLetterSource.classify(letter("na.x.raw/0@5:12"))).isZero();
    assertThat(KafkaDeadLetterSource.classify(letter("/logs/na.x.raw/0@5"))).isEqualTo(2);
    assertThat(KafkaDeadLetterSource.classify(letter("somewhere"))).isEqualTo(2);
    assertThat(KafkaDeadLetterSource.classify(new ConsumerRecord<>("na.p.dlq", 0, 0, null, new byte[0])))
        .isEqualTo(2);
  }

  private static ConsumerRecord<byte[], byte[]> letter(String source) {
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("na.p.dlq", 0, 0, null, new byte[] {1});
    record.headers().add(KafkaDeadLetterSource.SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
    return record;
  }
}
