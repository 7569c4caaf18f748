package org.dnsmesh.productkit.lineage;

import java.util.Map;

/** Reports a run's lifecycle. Emission failures must not fail the run: implementations log and carry on. */
public interface LineageEmitter {

  void start(LineageRun run);

  /** @param outputRowCounts rows written this run per output dataset name */
  void complete(LineageRun run, Map<String, Long> outputRowCounts);

  void fail(LineageRun run, Throwable error);

  static LineageEmitter none() {
    return new LineageEmitter() {
      @Override
      public void start(LineageRun run) {}

      @Override
      public void complete(LineageRun run, Map<String, Long> outputRowCounts) {}

      @Override
      public void fail(LineageRun run, Throwable error) {}
    };
  }
}
