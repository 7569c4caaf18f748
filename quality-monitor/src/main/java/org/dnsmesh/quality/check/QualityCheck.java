package org.dnsmesh.quality.check;

import org.dnsmesh.quality.model.CheckResult;

/** One kind of check. Implementations are small, stateless and may throw: the engine turns that into ERROR. */
public interface QualityCheck {
  /** Stable name, part of the alert key and of metric tags (e.g. {@code freshness}). */
  String name();

  CheckResult run(CheckInput input) throws Exception;
}
