package org.dnsmesh.productkit.pipeline;

/** Told about progress after each commit and at the end of a run. */
public interface ProgressListener {

  void progress(RunSummary soFar);

  void finished(RunSummary summary);

  static ProgressListener none() {
    return new ProgressListener() {
      @Override
      public void progress(RunSummary soFar) {}

      @Override
      public void finished(RunSummary summary) {}
    };
  }
}
