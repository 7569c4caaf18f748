package org.dnsmesh.products.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.validate.FieldValues;
import org.dnsmesh.productkit.validate.ValidationResult;
import org.dnsmesh.products.support.ProductContract;

/**
 * The three reference-data products (domain inventory, approved change windows, known-good nameserver sets): their
 * contracts (under {@code reference/}) and a publisher that validates each record against its contract before it
 * goes on the product's compacted topic (key: domain). Refused records are returned with the reason, never sent.
 */
public final class ReferenceData implements AutoCloseable {
  public static final String INVENTORY_CONTRACT = "reference/domain-inventory.yaml";
  public static final String WINDOWS_CONTRACT = "reference/change-windows.yaml";
  public static final String NAMESERVERS_CONTRACT = "reference/nameserver-sets.yaml";

  private final KafkaProducer<String, byte[]> producer;
  private final ProductContract inventory = contract(INVENTORY_CONTRACT, "domain_inventory");
  private final ProductContract windows = contract(WINDOWS_CONTRACT, "change_windows");
  private final ProductContract nameservers = contract(NAMESERVERS_CONTRACT, "nameserver_sets");
  private final List<String> refused = new ArrayList<>();

  public ReferenceData(KafkaClientConfig kafka) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(kafka.settings(defaults, Map.of()), new StringSerializer(),
        new ByteArraySerializer());
  }

  public static ProductContract contract(String resource, String object) {
    return ProductContract.fromResource(ReferenceData.class, resource, object);
  }

  public void put(DomainAsset asset) {
    Map<String, Object> row = new HashMap<>();
    row.put("domain", asset.domain());
    row.put("owner", asset.owner());
    row.put("business_unit", asset.businessUnit());
    row.put("criticality", asset.criticality().name().toLowerCase(java.util.Locale.ROOT));
    row.put("registrar_account", asset.registrarAccount());
    row.put("updated_at", java.time.Instant.now());
    send(inventory, DetectionTopology.INVENTORY_TOPIC, asset.domain(), row, asset);
  }

  public void put(ChangeWindows value) {
    Map<String, Object> row = new HashMap<>();
    row.put("domain", value.domain());
    row.put("windows", value.windows().stream().map(w -> java.time.Instant.ofEpochMilli(w.startMillis()) + " "
        + java.time.Instant.ofEpochMilli(w.endMillis()) + " " + w.changeRequestId()).toList());
    row.put("updated_at", java.time.Instant.now());
    send(windows, DetectionTopology.WINDOWS_TOPIC, value.domain(), row, value);
  }

  public void put(NameserverSet value) {
    Map<String, Object> row = new HashMap<>();
    row.put("domain", value.domain());
    row.put("nameservers", value.nameservers());
    row.put("updated_at", java.time.Instant.now());
    send(nameservers, DetectionTopology.NAMESERVERS_TOPIC, value.domain(), row, value);
  }

  private void send(ProductContract contract, String topic, String key, Map<String, Object> row, Object value) {
    ValidationResult result = contract.validator().validate(FieldValues.of(row));
    if (!result.isValid()) {
      refused.add(contract.productName() + " " + key + ": " + result.reason());
      return;
    }
    producer.send(new ProducerRecord<>(topic, key, JsonSerde.bytes(value)));
  }

  /** Records refused by their contract, with the reason. */
  public List<String> refused() {
    return List.copyOf(refused);
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
