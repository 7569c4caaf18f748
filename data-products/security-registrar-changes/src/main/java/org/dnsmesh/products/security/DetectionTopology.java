package org.dnsmesh.products.security;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;

/**
 * The security domain's Kafka Streams topology, run with {@code processing.guarantee=exactly_once_v2}:
 * <pre>
 * raw --canonicalise (pseudonymise, validate)--> canonical (key domain, event time) | dead-letter (reason header)
 * canonical ⋈ inventory ⋈ change windows ⋈ nameserver sets (GlobalKTables, key domain)
 *   -> DomainDetector (a, d, e)                        keyed state per domain
 *   -> repartition by actor   -> ActorDetector (c, f)  keyed state per actor
 *   -> repartition by account -> AccountDetector (b)   keyed state per account
 * findings -> repartition by case key -> CaseBuilder (cases; suppressions: GlobalKTable of the approved ones)
 *   -> detections topic (every finding), cases topic (case state), mesh.security.alerts (unsuppressed findings)
 * </pre>
 * Exactly-once: every output, changelog write and input offset of a task commits in one Kafka transaction, so a
 * crash (SIGKILL included) replays from the last commit and neither loses nor duplicates a finding. Event time:
 * canonical records carry the event's timestamp and every window is computed from {@code event_ts}. Finding and
 * case ids are hashes of their inputs, so replaying the raw topic into a fresh application rebuilds the same findings
 * (for rules behind a repartition, which event crosses a threshold depends on partition interleaving: same rule, case
 * and severity, possibly another id).
 */
public final class DetectionTopology {
  /** The application id: its group, internal topics and transactional ids all start with {@code security.}. */
  public static final String APPLICATION_ID = "security.registrar-detections";
  /** Written only by the policy principal {@code security-detections} (governance's KafkaAclCompiler). */
  public static final String ALERTS_TOPIC = "mesh.security.alerts";
  public static final String INVENTORY_TOPIC = "security.domain-inventory.table";
  public static final String WINDOWS_TOPIC = "security.change-windows.table";
  public static final String NAMESERVERS_TOPIC = "security.nameserver-sets.table";
  /**
   * Approved suppressions (compacted, key: suppression id = the approving change request), written only by the catalog
   * service when a security steward approves one (governance's KafkaAclCompiler); read here as a GlobalKTable, so an
   * approval reaches the running topology without a restart.
   */
  public static final String SUPPRESSIONS_TOPIC = "mesh.security.suppressions";

  private DetectionTopology() {}

  public static Topology build(Pseudonymizer pseudonymizer, DetectionSettings settings) {
    ChangeEventCodec codec = ChangeEventCodec.forContract();
    Canonicalizer canonicalizer = new Canonicalizer(RegistrarChanges.contract(), pseudonymizer);
    Serde<ChangeEvent> events = codec.serde();
    Serde<Enriched> enrichedSerde = codec.enrichedSerde();
    Serde<Finding> findings = JsonSerde.of(Finding.class);
    Serde<String> strings = Serdes.String();

    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DomainDetector.RATES), strings,
        JsonSerde.of(HourlyBaseline.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DomainDetector.SEQUENCES),
        strings, JsonSerde.of(DomainDetector.Sequence.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ActorDetector.ACTORS), strings,
        JsonSerde.of(ActorDetector.ActorState.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AccountDetector.ACCOUNTS),
        strings, JsonSerde.of(HourlyBaseline.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CaseBuilder.CASES), strings,
        JsonSerde.of(SecurityCase.class)));

    // raw -> canonical | dead letter
    KStream<String, Canonical> outcomes = builder.stream(RegistrarChanges.RAW.toString(),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw"))
        .process(() -> new CanonicalizeProcessor(canonicalizer), Named.as("canonicalise"));
    outcomes.filter((k, c) -> !c.valid(), Named.as("rejected")).mapValues(Canonical::raw, Named.as("raw-bytes"))
        .to(RegistrarChanges.DEAD_LETTER.toString(), Produced.with(strings, Serdes.ByteArray()));
    outcomes.filter((k, c) -> c.valid(), Named.as("valid")).mapValues(Canonical::event, Named.as("event"))
        .to(RegistrarChanges.CANONICAL.toString(), Produced.with(strings, events));

    // reference data products, joined by domain
    GlobalKTable<String, DomainAsset> inventory = builder.globalTable(INVENTORY_TOPIC,
        Consumed.with(strings, JsonSerde.of(DomainAsset.class)), Materialized.as("domain-inventory"));
    GlobalKTable<String, ChangeWindows> windows = builder.globalTable(WINDOWS_TOPIC,
        Consumed.with(strings, JsonSerde.of(ChangeWindows.class)), Materialized.as("change-windows"));
    GlobalKTable<String, NameserverSet> nameservers = builder.globalTable(NAMESERVERS_TOPIC,
        Consumed.with(strings, JsonSerde.of(NameserverSet.class)), Materialized.as("nameserver-sets"));
    // raw bytes: CaseBuilder parses each record and ignores an invalid one (it can never silence an alert)
    builder.globalTable(SUPPRESSIONS_TOPIC, Consumed.with(strings, Serdes.ByteArray()),
        Materialized.<String, byte[], org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes,
            byte[]>>as(CaseBuilder.SUPPRESSIONS).withKeySerde(strings).withValueSerde(Serdes.ByteArray()));

    KStream<String, Enriched> enriched = builder.stream(RegistrarChanges.CANONICAL.toString(),
            Consumed.with(strings, events).withName("canonical"))
        .leftJoin(inventory, (domain, event) -> domain,
            (event, asset) -> new Enriched(event, asset == null ? DomainAsset.unknown(event.domain()) : asset),
            Named.as("inventory"));

    KStream<String, Finding> domainFindings = enriched
        .leftJoin(windows, (domain, e) -> domain, (e, w) -> new DomainContext(e, w, null), Named.as("windows"))
        .leftJoin(nameservers, (domain, c) -> domain, DomainContext::withNameservers, Named.as("nameservers"))
        .process(() -> new DomainDetector(settings), Named.as("domain-detector"), DomainDetector.RATES,
            DomainDetector.SEQUENCES);
    KStream<String, Finding> actorFindings = enriched
        .selectKey((domain, e) -> e.event().actorId(), Named.as("actor-key"))
        .repartition(Repartitioned.with(strings, enrichedSerde).withName("by-actor"))
        .process(() -> new ActorDetector(settings), Named.as("actor-detector"), ActorDetector.ACTORS);
    KStream<String, Finding> accountFindings = enriched
        .selectKey((domain, e) -> e.account(), Named.as("account-key"))
        .repartition(Repartitioned.with(strings, enrichedSerde).withName("by-account"))
        .process(() -> new AccountDetector(settings), Named.as("account-detector"), AccountDetector.ACCOUNTS);

    KStream<String, CaseUpdate> updates = domainFindings.merge(actorFindings).merge(accountFindings)
        .repartition(Repartitioned.with(strings, findings).withName("by-case"))
        .process(() -> new CaseBuilder(settings), Named.as("case-builder"), CaseBuilder.CASES);
    updates.mapValues(CaseUpdate::finding, Named.as("detection"))
        .to(RegistrarChanges.DETECTIONS.toString(), Produced.with(strings, findings));
    updates.map((key, u) -> org.apache.kafka.streams.KeyValue.pair(u.securityCase().caseId, u.securityCase()),
            Named.as("case"))
        .to(RegistrarChanges.CASES.toString(), Produced.with(strings, JsonSerde.of(SecurityCase.class)));
    updates.filter((key, u) -> !u.finding().isSuppressed(), Named.as("unsuppressed"))
        .mapValues(CaseUpdate::finding, Named.as("alert"))
        .to(ALERTS_TOPIC, Produced.with(strings, findings));
    return builder.build();
  }
}
