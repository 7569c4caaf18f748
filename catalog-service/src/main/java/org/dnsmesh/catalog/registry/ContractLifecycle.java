package org.dnsmesh.catalog.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where a contract version is in its life, derived from its sunset date at read time (so it needs no job):
 * {@code active} without a sunset, {@code deprecated} until the sunset date (inclusive, UTC), {@code retired}
 * after it. A retired version still answers reads; only its status says it should not be used any more.
 */
public record ContractLifecycle(String status, LocalDate sunset) {
  public static final String ACTIVE = "active";
  public static final String DEPRECATED = "deprecated";
  public static final String RETIRED = "retired";

  public static ContractLifecycle of(Optional<LocalDate> sunset, Clock clock) {
    if (sunset.isEmpty()) {
      return new ContractLifecycle(ACTIVE, null);
    }
    LocalDate today = LocalDate.now(clock);
    return new ContractLifecycle(today.isAfter(sunset.get()) ? RETIRED : DEPRECATED, sunset.get());
  }
}
