package org.dnsmesh.productkit.pipeline;

/** When a pipeline run ends by itself. */
public enum RunUntil {
  /** When every partition has been read up to the end offsets seen at an idle poll (batch jobs, tests). */
  CAUGHT_UP,
  /** Only when {@link ProductPipeline#requestStop()} is called (long-running service). */
  STOPPED
}
