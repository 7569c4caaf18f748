package org.dnsmesh.productkit.pipeline;

/**
 * Told about progress after each commit and at the end of a run. {@link #progress} is called on the pipeline's
 * writer thread (one call at a time, in commit order), {@link #finished} on the thread that called
 * {@code ProductPipeline.run}.
 */
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
