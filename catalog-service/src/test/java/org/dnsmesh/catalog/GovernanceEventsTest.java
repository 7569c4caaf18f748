package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Workflow events reach the Kafka topic mesh.governance.events of a real broker, keyed by product. */
@QuarkusTest
@QuarkusTestResource(value = GovernanceKafkaEnvironment.class, restrictToAnnotatedClass = true)
class GovernanceEventsTest {

  @Test
  void proposalApprovalAndPublicationAreSentToKafka() throws Exception {
    String product = "events_" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json")
        .body("{\"domain\":\"na\",\"name\":\"%s\",\"outputPorts\":[{\"namespace\":\"%s\",\"table\":\"queries\"}]}"
            .formatted(product, product))
        .when().post("/api/v1/products").then().statusCode(200);
    byte[] contract;
    try (var in = getClass().getResourceAsStream("/governance/resolver-1.0.0.yaml")) {
      contract = in.readAllBytes();
    }
    String id = given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/yaml").body(contract)
        .when().post("/api/v1/products/na/" + product + "/changes").then().statusCode(201).extract().path("id");
    for (String reviewer : List.of("steward-na", "governance")) {
      given().auth().oauth2(DevTokens.of(reviewer)).contentType("application/json").body(Map.of("comment", "ok"))
          .when().post("/api/v1/changes/" + id + "/approve").then().statusCode(200);
    }
    // a policy change proposed and rejected (nothing is written) goes to the same topic, keyed "policy"
    String policy = java.nio.file.Files.readString(CatalogTestEnvironment.POLICY_FILE).replace("\nversion: 1\n", "\nversion: 2\n");
    String policyChange = given().auth().oauth2(DevTokens.of("root")).contentType("application/yaml")
        .body(policy.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/policy/changes").then().statusCode(201)
        .extract().path("id");
    given().auth().oauth2(DevTokens.of("grace")).contentType("application/json").body(Map.of("comment", "not now"))
        .when().post("/api/v1/policy/changes/" + policyChange + "/reject").then().statusCode(200);
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'governance' }.data.events", equalTo("kafka topic mesh.governance.events"));

    List<JsonNode> events = new ArrayList<>();
    List<JsonNode> policyEvents = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    Properties properties = new Properties();
    properties.putAll(GovernanceKafkaEnvironment.auditorClient);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "mesh.governance.events.test-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of("mesh.governance.events"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && (events.stream().noneMatch(e -> e.path("type").asText().equals("published"))
          || policyEvents.stream().noneMatch(e -> e.path("type").asText().equals("rejected")))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode event = json.readTree(record.value().getBytes(StandardCharsets.UTF_8));
          if (event.path("change").asText().equals(id)) {
            assertThat(record.key()).isEqualTo("na." + product);
            events.add(event);
          } else if (event.path("change").asText().equals(policyChange)) {
            assertThat(record.key()).isEqualTo("policy");
            policyEvents.add(event);
          }
        }
      }
    }
    assertThat(events).extracting(e -> e.path("type").asText())
        .containsExactly("proposed", "submitted", "reviewed", "approved", "published");
    assertThat(events.getLast().path("auditHash").asText()).hasSize(64);
    assertThat(events).allSatisfy(e -> assertThat(e.path("kind").asText()).isEqualTo("contract"));
    assertThat(events.get(3).path("actor").asText()).isEqualTo("governance");
    // one machine for every kind: a policy change is proposed and submitted like a contract change
    assertThat(policyEvents).extracting(e -> e.path("type").asText()).containsExactly("proposed", "submitted", "rejected");
    assertThat(policyEvents).allSatisfy(e -> assertThat(e.path("kind").asText()).isEqualTo("policy"));
    assertThat(policyEvents.getLast().path("comment").asText()).isEqualTo("not now");
  }
}
