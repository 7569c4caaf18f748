package org.dnsmesh.contracts.compat;

import java.util.List;

/** Every change between two contract versions and the overall class (the highest of them). */
public record CompatibilityReport(String oldVersion, String newVersion, List<Change> changes) {
    public CompatibilityReport {
        changes = List.copyOf(changes);
    }

    public ChangeClass overall() {
        return changes.stream().map(Change::changeClass).reduce(ChangeClass.NONE, ChangeClass::max);
    }

    public List<Change> changesOf(ChangeClass changeClass) {
        return changes.stream().filter(c -> c.changeClass() == changeClass).toList();
    }

    /** The version-bump verdict for the versions the two contracts declare. */
    public VersionBumpCheck versionCheck() {
        return VersionBumpCheck.check(oldVersion, newVersion, overall());
    }
}
