package org.dnsmesh.products.security;

import java.util.List;
import java.util.Objects;

/** A row of the {@code change-windows} reference product: approved delegation-change windows of one domain. */
public record ChangeWindows(String domain, List<Window> windows) {

  /** {@code [startMillis, endMillis)} in epoch milliseconds, approved by {@code changeRequestId}. */
  public record Window(long startMillis, long endMillis, String changeRequestId) {}

  public ChangeWindows {
    Objects.requireNonNull(domain, "domain");
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  public boolean covers(long eventMillis) {
    return windows.stream().anyMatch(w -> w.startMillis() <= eventMillis && eventMillis < w.endMillis());
  }
}
