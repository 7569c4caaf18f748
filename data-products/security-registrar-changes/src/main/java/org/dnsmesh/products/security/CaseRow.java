package org.dnsmesh.products.security;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dnsmesh.products.support.Row;

/** One row of {@code security.cases}: the newest state of one case (columns as in the contract's {@code cases}). */
public record CaseRow(String caseId, String caseKey, String owner, String businessUnit, Instant openedTs,
    Instant updatedTs, String severity, int findings, int suppressed, String timeline) {

  /**
   * Which of two states of a case is newer: the case builder adds one finding per state it emits, so the finding
   * count grows with every state (the latest finding time breaks a tie, which only a replay could produce).
   */
  static final Comparator<CaseRow> AGE = Comparator.comparingInt(CaseRow::findings)
      .thenComparing(CaseRow::updatedTs);

  static CaseRow of(Row row) {
    return new CaseRow(row.string("case_id"), row.string("case_key"), row.string("owner"),
        row.string("business_unit"), row.instant("opened_ts"), row.instant("updated_ts"), row.string("severity"),
        row.number("findings").intValue(), row.number("suppressed").intValue(),
        row.string("timeline"));
  }

  /** The newest state of each case among {@code states}, ordered by case id. */
  static List<CaseRow> newestPerCase(Collection<CaseRow> states) {
    Map<String, CaseRow> newest = new LinkedHashMap<>();
    for (CaseRow state : states) {
      newest.merge(state.caseId(), state, (a, b) -> AGE.compare(a, b) >= 0 ? a : b);
    }
    return newest.values().stream().sorted(Comparator.comparing(CaseRow::caseId)).toList();
  }
}
