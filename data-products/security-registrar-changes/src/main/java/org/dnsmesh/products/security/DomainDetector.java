package org.dnsmesh.products.security;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Detections keyed by domain (the canonical topic's key, so no repartition): (a) change-rate spikes per domain and
 * record/event type against the entity's own hourly history ({@link HourlyBaseline}); (d) NS/DS changes outside
 * the domain's approved windows, and NS changes to hosts outside its known-good set; (e) unlock (optionally after a
 * contact change) followed by a transfer request within T. State per domain in two stores, changelogged, so a
 * restart under exactly-once resumes with exactly the state of the last committed transaction.
 */
final class DomainDetector implements Processor<String, DomainContext, String, Finding> {
  static final String RATES = "domain-rates";
  static final String SEQUENCES = "domain-sequences";

  /** (e) state of one domain: when it was last unlocked / had its contacts changed (epoch ms, -1 = never). */
  public static final class Sequence {
    public long unlockMillis = -1;
    public long contactEditMillis = -1;
  }

  private final DetectionSettings settings;
  private ProcessorContext<String, Finding> context;
  private KeyValueStore<String, HourlyBaseline> rates;
  private KeyValueStore<String, Sequence> sequences;

  DomainDetector(DetectionSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Finding> context) {
    this.context = context;
    this.rates = context.getStateStore(RATES);
    this.sequences = context.getStateStore(SEQUENCES);
  }

  @Override
  public void process(Record<String, DomainContext> record) {
    DomainContext in = record.value();
    Enriched enriched = in.enriched();
    ChangeEvent e = enriched.event();
    long millis = e.eventTs().toEpochMilli();
    // (a) change rate per domain and record type (or event type), against its own history
    String rateKey = e.domain() + "|" + (e.recordType() != null ? e.recordType() : e.eventType());
    HourlyBaseline baseline = rates.get(rateKey);
    baseline = baseline == null ? new HourlyBaseline() : baseline;
    long hour = Math.floorDiv(millis, 3_600_000L);
    if (baseline.observe(hour, settings.spikeMinimum(), settings.spikeK())) {
      emit(record, Finding.of(Rule.CHANGE_RATE_SPIKE, enriched, 0.6, baseline.count(hour) + " changes of "
          + rateKey + " in the hour from " + java.time.Instant.ofEpochMilli(hour * 3_600_000L)
          + ", threshold " + Math.round(baseline.threshold(hour, settings.spikeMinimum(), settings.spikeK()))));
    }
    rates.put(rateKey, baseline);
    // (d) delegation changes: approved window, known-good nameservers
    if (e.isDelegationChange()) {
      if (in.windows() == null || !in.windows().covers(millis)) {
        boolean claimsRequest = e.changeRequestId() != null;
        emit(record, Finding.of(Rule.DELEGATION_OUTSIDE_WINDOW, enriched, claimsRequest ? 0.55 : 0.75,
            e.recordType() + " change outside every approved window"
                + (claimsRequest ? " (claims change request " + e.changeRequestId() + ")" : "")));
      }
      if ("NS".equals(e.recordType())) {
        List<String> unknown = in.nameservers() == null ? List.of() : in.nameservers().unknownHosts(e.newValue());
        if (in.nameservers() != null && !unknown.isEmpty()) {
          emit(record, Finding.of(Rule.NAMESERVER_NOT_KNOWN_GOOD, enriched, 0.9,
              "nameservers outside the known-good set: " + String.join(" ", unknown)));
        }
      }
    }
    // (e) unlock (after a contact change) followed by a transfer request within T
    if (e.eventType().equals("unlock") || e.eventType().equals("contact-edit") || e.eventType().equals("transfer-request")) {
      Sequence sequence = sequences.get(e.domain());
      sequence = sequence == null ? new Sequence() : sequence;
      long window = settings.sequenceWindow().toMillis();
      switch (e.eventType()) {
        case "unlock" -> sequence.unlockMillis = millis;
        case "contact-edit" -> sequence.contactEditMillis = millis;
        default -> {
          if (sequence.unlockMillis >= 0 && millis - sequence.unlockMillis <= window && millis >= sequence.unlockMillis) {
            boolean contactFirst = sequence.contactEditMillis >= 0 && sequence.contactEditMillis <= sequence.unlockMillis
                && millis - sequence.contactEditMillis <= window;
            emit(record, Finding.of(Rule.UNLOCK_THEN_TRANSFER, enriched, contactFirst ? 0.95 : 0.8,
                (contactFirst ? "contact change, then unlock" : "unlock") + ", then transfer request within "
                    + settings.sequenceWindow()));
            sequence.unlockMillis = -1; // one finding per unlock
          }
        }
      }
      sequences.put(e.domain(), sequence);
    }
  }

  private void emit(Record<String, DomainContext> record, Finding finding) {
    context.forward(new Record<>(finding.caseKey(), finding, record.timestamp()));
  }
}
