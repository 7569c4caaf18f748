package org.dnsmesh.products.security;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Bundles findings into cases (after a repartition by case key): a finding joins the key's open case unless it comes
 * more than the quiet period after the case's last finding, which opens a new case. Suppressions are applied here:
 * a suppressed finding is recorded and on the timeline, but forwarded as suppressed (not alerted) and does not raise
 * the case's severity. Forwards one {@link CaseUpdate} per new finding.
 */
final class CaseBuilder implements Processor<String, Finding, String, CaseUpdate> {
  static final String CASES = "cases";

  private final DetectionSettings settings;
  private final Suppressions suppressions;
  private ProcessorContext<String, CaseUpdate> context;
  private KeyValueStore<String, SecurityCase> cases;

  CaseBuilder(DetectionSettings settings, Suppressions suppressions) {
    this.settings = settings;
    this.suppressions = suppressions;
  }

  @Override
  public void init(ProcessorContext<String, CaseUpdate> context) {
    this.context = context;
    this.cases = context.getStateStore(CASES);
  }

  @Override
  public void process(Record<String, Finding> record) {
    Finding finding = record.value();
    Finding checked = suppressions.match(finding).map(rule -> finding.suppressed(rule.id())).orElse(finding);
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
}
