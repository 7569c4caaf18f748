package org.dnsmesh.products.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.transport.KafkaClientConfig;

/**
 * Runs the {@link DetectionTopology} until stopped (SIGTERM closes it cleanly; SIGKILL is what exactly-once is for).
 * Arguments: {@code <kafka client properties> <pseudonym key file> <state dir>}; the client
 * properties are the {@code security-detections} principal's ({@code mesh kafka config security-detections}); the
 * key file holds {@code pseudonym.security.current} and {@code pseudonym.security.key.<id>} (0600, never printed).
 * Approved suppressions arrive on {@value DetectionTopology#SUPPRESSIONS_TOPIC} while it runs (no file, no restart).
 */
public final class DetectionApp {
  private DetectionApp() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: DetectionApp <kafka.properties> <pseudonym-keys.properties> <state-dir>");
      System.exit(2);
    }
    KafkaClientConfig kafka = KafkaClientConfig.load(Path.of(args[0]), null);
    DomainKeyRing keys = keys(Path.of(args[1]));
    KafkaStreams streams = start(kafka, keys, Path.of(args[2]), DetectionSettings.defaults());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(30));
      stopped.countDown();
    }));
    System.out.println("detections running: " + DetectionTopology.APPLICATION_ID);
    stopped.await();
  }

  public static KafkaStreams start(KafkaClientConfig kafka, DomainKeyRing keys, Path stateDir,
      DetectionSettings settings) {
    KafkaStreams streams = new KafkaStreams(
        DetectionTopology.build(new Pseudonymizer(keys), settings),
        DetectionStreams.properties(kafka, stateDir, 1));
    streams.start();
    return streams;
  }

  static DomainKeyRing keys(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return DomainKeyRing.fromProperties(RegistrarChanges.DOMAIN, properties);
  }
}
