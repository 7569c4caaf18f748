package org.dnsmesh.products.security;

import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.products.support.ProductContract;

/**
 * The {@code security/registrar-changes} product: registrar webhook / change-feed events and DNS provider zone-change
 * log lines -> raw topic -> canonical, pseudonymised events ({@link ChangeEvent}, Avro from the contract) on a topic
 * keyed by domain, or the dead-letter topic with a reason -> the {@link DetectionTopology}. Reference data (domain
 * inventory, approved change windows, known-good nameserver sets) are small products of their own under
 * {@code reference/}, joined in the stream.
 */
public final class RegistrarChanges {

  public static final String CONTRACT = "datacontract.yaml";
  public static final String OBJECT = "registrar_changes";
  public static final String DOMAIN = "security";
  public static final String PRODUCT = "registrar-changes";

  /** Every collected line or document, exactly as received (clear values; only the domain's writers read it). */
  public static final TopicName RAW = new TopicName(DOMAIN, PRODUCT, "raw");
  /** Canonical, pseudonymised events keyed (and so partitioned) by domain: the contract's {@code kafkaTopic}. */
  public static final TopicName CANONICAL = new TopicName(DOMAIN, PRODUCT, "canonical");
  /** Raw events that are not valid canonical events, with the reason in the {@code dnsmesh.reject} header. */
  public static final TopicName DEAD_LETTER = CANONICAL.deadLetter();
  /** Every finding, suppressed ones included (the {@code security.detections} table's source). */
  public static final TopicName DETECTIONS = new TopicName(DOMAIN, PRODUCT, "detections");
  /** The newest state of every case (compacted; the {@code security.cases} table's source). */
  public static final TopicName CASES = new TopicName(DOMAIN, PRODUCT, "cases");

  private RegistrarChanges() {}

  public static ProductContract contract() {
    return ProductContract.fromResource(RegistrarChanges.class, CONTRACT, OBJECT);
  }
}
