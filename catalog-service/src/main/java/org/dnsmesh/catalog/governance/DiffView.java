package org.dnsmesh.catalog.governance;

import java.util.List;

/** The proposed version against the latest published one: every change with its class, rule and reason. */
public record DiffView(String change, String fromVersion, String toVersion, String overall, List<Entry> changes,
    String versionCheck, String changelog) {
  public record Entry(String changeClass, String rule, String element, String reason) {}
}
