package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The real KRaft broker from infra/kafka-runtime starts, takes records from na's pipeline and gives them back. */
class EphemeralKafkaIT {
  @Test
  void brokerRoundTripsRecords() throws Exception {
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome())) {
      try (Admin admin = Admin.create(kafka.clientProperties("pipeline-na"))) {
        admin.createTopics(List.of(new NewTopic("na.resolver.raw", 3, (short) 1))).all().get();
      }
      Properties producerProps = new Properties();
      producerProps.putAll(kafka.clientProperties("pipeline-na"));
      producerProps.put("acks", "all");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 100; i++) {
          producer.send(new ProducerRecord<>("na.resolver.raw", "example" + i + ".com", "q" + i));
        }
        producer.flush();
      }
      Properties consumerProps = new Properties();
      consumerProps.putAll(kafka.clientProperties("pipeline-na"));
      consumerProps.put("group.id", "na.it");
      consumerProps.put("auto.offset.reset", "earliest");
      int seen = 0;
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("na.resolver.raw"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen < 100 && System.nanoTime() < deadline) {
          ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
          seen += records.count();
        }
      }
      assertThat(seen).isEqualTo(100);
    }
  }
}
