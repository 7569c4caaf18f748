package org.dnsmesh.products.security;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Bundles findings into cases (after a repartition by case key): a finding joins the key's open case unless it comes
 * more than the quiet period after the case's last finding, which opens a new case. Suppressions are applied here:
 * a suppressed finding is recorded and on the timeline, but forwarded as suppressed (not alerted) and does not raise
 * the case's severity. Suppressions come from the global store {@value #SUPPRESSIONS} (the approved suppressions
 * topic, read as a GlobalKTable), so one approved while the topology runs applies to the findings processed after
 * it arrives, by their event time. Forwards one {@link CaseUpdate} per new finding.
 */
final class CaseBuilder implements Processor<String, Finding, String, CaseUpdate> {
  static final String CASES = "cases";
  /** The global store of approved suppressions (key: suppression id), from the suppressions topic. */
  static final String SUPPRESSIONS = "suppressions";

  private final DetectionSettings settings;
  private ProcessorContext<String, CaseUpdate> context;
  private KeyValueStore<String, SecurityCase> cases;
  private KeyValueStore<String, ValueAndTimestamp<byte[]>> suppressions;

  CaseBuilder(DetectionSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, CaseUpdate> context) {
    this.context = context;
    this.cases = context.getStateStore(CASES);
    this.suppressions = context.getStateStore(SUPPRESSIONS);
  }

  @Override
  public void process(Record<String, Finding> record) {
    Finding finding = record.value();
    Finding checked = suppression(finding).map(rule -> finding.suppressed(rule.id())).orElse(finding);
    SecurityCase current = cases.get(record.key());
    long quiet = settings.caseQuietPeriod().toMillis();
    if (current == null || checked.eventTsMillis() - current.updatedMillis > quiet
        || current.openedMillis - checked.eventTsMillis() > quiet) {
      current = SecurityCase.open(checked);
    }
    if (!current.add(checked)) {
      return;
    }
    cases.put(record.key(), current);
    context.forward(new Record<>(record.key(), new CaseUpdate(checked.inCase(current.caseId), current),
        record.timestamp()));
  }

  /**
   * The first suppression (by id) matching the finding. Suppressions are few (each one a reviewed change) and
   * findings rare next to events, so a scan per finding costs less than keeping an index by case key.
   */
  private Optional<SuppressionRule> suppression(Finding finding) {
    try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> all = suppressions.all()) {
      while (all.hasNext()) {
        ValueAndTimestamp<byte[]> value = all.next().value;
        Optional<SuppressionRule> rule = SuppressionRule.fromJson(value == null ? null : value.value());
        if (rule.isPresent() && rule.get().matches(finding)) {
          return rule;
        }
      }
    }
    return Optional.empty();
  }
}
