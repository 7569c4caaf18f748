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

/**
 * Workflow events reach the Kafka topic mesh.governance.events of a real broker, keyed by product; an approved
 * suppression and its revocation reach the compacted topic mesh.security.suppressions.
 */
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

  /**
   * Revoking over HTTP with the broker up: the record with revokedAt is on the topic (same key, the compacted topic's
   * last word), the suppression is REVOKED with that instant, the steps are audited, and a second revocation is a 409.
   */
  @Test
  void aRevokedSuppressionIsOnTheTopicWithItsRevocationTime() throws Exception {
    String caseKey = "domain:revoke-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    java.time.Instant from = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    String id = given().auth().oauth2(DevTokens.of("alan")).contentType("application/json")
        .body(Map.of("rule", "DELEGATION_OUTSIDE_WINDOW", "caseKey", caseKey, "from", from.toString(),
            "until", from.plus(java.time.Duration.ofDays(7)).toString(), "reason", "registrar migration CR-4711"))
        .when().post("/api/v1/suppressions").then().statusCode(201).extract().path("id");
    given().auth().oauth2(DevTokens.of("victor")).contentType("application/json").body(Map.of("comment", "ok"))
        .when().post("/api/v1/suppressions/" + id + "/approve").then().statusCode(200).body("state", equalTo("PUBLISHED"))
        .body("active", equalTo(true));

    java.time.Instant before = java.time.Instant.now();
    io.restassured.path.json.JsonPath revoked = given().auth().oauth2(DevTokens.of("alan")).contentType("application/json")
        .body(Map.of("reason", "migration finished early")).when().post("/api/v1/suppressions/" + id + "/revoke").then()
        .statusCode(200).extract().jsonPath();
    assertThat(revoked.getString("state")).isEqualTo("REVOKED");
    assertThat(revoked.getBoolean("active")).isFalse();
    java.time.Instant revokedAt = java.time.Instant.parse(revoked.getString("revokedAt"));
    assertThat(revokedAt).isBetween(before.minusMillis(1), java.time.Instant.now());
    given().auth().oauth2(DevTokens.of("steward-security")).contentType("application/json").body(Map.of("reason", "again"))
        .when().post("/api/v1/suppressions/" + id + "/revoke").then().statusCode(409)
        .body("error.message", org.hamcrest.Matchers.containsString("revoked already"));

    List<JsonNode> records = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    Properties properties = new Properties();
    properties.putAll(GovernanceKafkaEnvironment.adminClient);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
        new StringDeserializer())) {
      org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition("mesh.security.suppressions", 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key().equals(id)) {
            records.add(json.readTree(record.value()));
          }
        }
      }
    }
    assertThat(records).as("the approval, then the revocation, under the suppression's id").hasSize(2);
    assertThat(records.getFirst().has("revokedAt")).isFalse();
    assertThat(records.getLast().path("revokedAt").asText()).isEqualTo(revokedAt.toString());
    assertThat(records.getLast().path("caseKey").asText()).isEqualTo(caseKey);
    assertThat(records.getLast().path("until").asText()).isEqualTo(records.getFirst().path("until").asText());

    List<String> trail = given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/review-queue/" + id + "/audit")
        .then().statusCode(200).extract().jsonPath().getList("action", String.class);
    assertThat(trail).endsWith("suppression.revocation-on-topic", "suppression.revoked");
  }
}
