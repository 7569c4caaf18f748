package org.dnsmesh.quality.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;

/** Check results over time per product/table/check. */
public interface HistoryStore {
  void record(List<CheckResult> results);

  /** Results of one check in [from, to), oldest first. */
  List<CheckResult> history(CheckKey key, Instant from, Instant to);

  /** The newest result of every check of a product (all products if empty). */
  List<CheckResult> latest(Optional<ProductId> product);

  /** Compliance of one table (one check, or all checks when {@code check} is empty) over [from, to). */
  SlaCompliance compliance(TableKey table, Optional<String> check, Instant from, Instant to, Duration interval);
}
