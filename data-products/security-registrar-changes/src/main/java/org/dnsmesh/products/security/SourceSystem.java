package org.dnsmesh.products.security;

import java.util.Optional;

/** The collectors' source shapes; the raw topic carries the name in the {@value #HEADER} header of every record. */
public enum SourceSystem {
  /** A registrar's webhook / change feed: one JSON document per event. */
  REGISTRAR_WEBHOOK("registrar-webhook"),
  /** A DNS provider's zone-change log: one {@code key=value} line per record change. */
  ZONE_CHANGE_LOG("zone-change-log");

  public static final String HEADER = "dnsmesh.source";

  private final String wireName;

  SourceSystem(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<SourceSystem> fromWireName(String name) {
    for (SourceSystem system : values()) {
      if (system.wireName.equals(name)) {
        return Optional.of(system);
      }
    }
    return Optional.empty();
  }

  /** The parser of this shape. */
  public SourceParser parser() {
    return switch (this) {
      case REGISTRAR_WEBHOOK -> new RegistrarWebhookParser();
      case ZONE_CHANGE_LOG -> new ZoneChangeLogParser();
    };
  }
}
