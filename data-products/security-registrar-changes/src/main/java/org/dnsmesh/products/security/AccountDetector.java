package org.dnsmesh.products.security;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * (b) Churn of the control surface per registrar account (after a repartition by account): the account's
 * control-surface changes per hour against its own history ({@link HourlyBaseline}, minimum {@code churnMinimum}).
 */
final class AccountDetector implements Processor<String, Enriched, String, Finding> {
  static final String ACCOUNTS = "account-churn";

  private final DetectionSettings settings;
  private ProcessorContext<String, Finding> context;
  private KeyValueStore<String, HourlyBaseline> accounts;

  AccountDetector(DetectionSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Finding> context) {
    this.context = context;
    this.accounts = context.getStateStore(ACCOUNTS);
  }

  @Override
  public void process(Record<String, Enriched> record) {
    ChangeEvent e = record.value().event();
    if (!ControlSurface.touches(e)) {
      return;
    }
    HourlyBaseline baseline = accounts.get(record.key());
    baseline = baseline == null ? new HourlyBaseline() : baseline;
    long hour = Math.floorDiv(e.eventTs().toEpochMilli(), 3_600_000L);
    if (baseline.observe(hour, settings.churnMinimum(), settings.spikeK())) {
      Finding finding = Finding.of(Rule.CONTROL_SURFACE_CHURN, record.value(), 0.6, baseline.count(hour)
          + " control-surface changes in account " + record.key() + " in one hour, threshold "
          + Math.round(baseline.threshold(hour, settings.churnMinimum(), settings.spikeK())));
      context.forward(new Record<>(finding.caseKey(), finding, record.timestamp()));
    }
    accounts.put(record.key(), baseline);
  }
}
