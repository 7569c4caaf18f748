package org.dnsmesh.products.security;

import java.util.ArrayList;
import java.util.List;

/**
 * One case: the findings of one domain or account that belong to one incident (no gap longer than the quiet period
 * between them), with a timeline, routed to the asset's owner. Severity is the highest of its unsuppressed findings
 * (null while all are suppressed). Mutable state of the case builder, JSON on the cases topic.
 */
public final class SecurityCase {
  /** One finding on the timeline. */
  public record Entry(long eventTsMillis, Rule rule, Severity severity, double confidence, String findingId,
      String triggerEventId, String explanation, String suppressedBy) {}

  public static final int TIMELINE_LIMIT = 500;

  public String caseId;
  public String caseKey;
  public String owner;
  public String businessUnit;
  public long openedMillis;
  public long updatedMillis;
  public Severity severity;
  public int findings;
  public int suppressed;
  public List<Entry> timeline = new ArrayList<>();

  static SecurityCase open(Finding first) {
    SecurityCase c = new SecurityCase();
    c.caseId = Canonicalizer.eventId("case|" + first.caseKey() + "|" + first.eventTsMillis() + "|" + first.findingId());
    c.caseKey = first.caseKey();
    c.owner = first.owner();
    c.businessUnit = first.businessUnit();
    c.openedMillis = first.eventTsMillis();
    c.updatedMillis = first.eventTsMillis();
    return c;
  }

  /** Adds a finding (once: a finding id already on the timeline is ignored); false when it was already there. */
  boolean add(Finding f) {
    if (timeline.stream().anyMatch(entry -> entry.findingId().equals(f.findingId()))) {
      return false;
    }
    if (timeline.size() < TIMELINE_LIMIT) {
      timeline.add(new Entry(f.eventTsMillis(), f.rule(), f.severity(), f.confidence(), f.findingId(),
          f.triggerEventId(), f.explanation(), f.suppressedBy()));
    }
    findings++;
    if (f.isSuppressed()) {
      suppressed++;
    } else if (severity == null || f.severity().compareTo(severity) > 0) {
      severity = f.severity();
    }
    updatedMillis = Math.max(updatedMillis, f.eventTsMillis());
    openedMillis = Math.min(openedMillis, f.eventTsMillis());
    return true;
  }
}
