package org.dnsmesh.productkit.source;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The source text of one event (a log line), as a quarantine or dead letter needs it. A file source has the line
 * already; a generator renders one only when asked ({@link #rendered}), since nearly every event is never
 * rejected and rendering JSON for each was an eighth of the producing thread's time.
 */
public final class SourceText {

  private Supplier<String> render;
  private String text;

  private SourceText(String text, Supplier<String> render) {
    this.text = text;
    this.render = render;
  }

  public static SourceText of(String text) {
    return new SourceText(Objects.requireNonNull(text, "text"), null);
  }

  /** Text rendered by {@code render} the first time it is asked for (once; the result is kept). */
  public static SourceText rendered(Supplier<String> render) {
    return new SourceText(null, Objects.requireNonNull(render, "render"));
  }

  public String text() {
    String current = text;
    if (current == null) {
      current = Objects.requireNonNull(render.get(), "rendered source text");
      text = current;
      render = null;
    }
    return current;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourceText that && text().equals(that.text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
