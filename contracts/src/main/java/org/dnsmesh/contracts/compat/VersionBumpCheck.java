package org.dnsmesh.contracts.compat;

import java.util.Optional;
import org.dnsmesh.contracts.SemanticVersion;

/**
 * Whether the proposed version is acceptable for the computed change class: it must increase, and by at least
 * the class (MAJOR needs a new major, MINOR a new minor or major; while the major is 0, a minor bump is enough
 * for a MAJOR change, as semver allows anything before 1.0.0).
 */
public record VersionBumpCheck(boolean acceptable, ChangeClass required, ChangeClass proposed, String message) {

    public static VersionBumpCheck check(String oldVersion, String newVersion, ChangeClass required) {
        Optional<SemanticVersion> before = SemanticVersion.parse(oldVersion);
        Optional<SemanticVersion> after = SemanticVersion.parse(newVersion);
        if (before.isEmpty() || after.isEmpty()) {
            String bad = before.isEmpty() ? oldVersion : newVersion;
            return new VersionBumpCheck(false, required, ChangeClass.NONE,
                    "version '" + bad + "' is not a semantic version (MAJOR.MINOR.PATCH)");
        }
        SemanticVersion from = before.get();
        SemanticVersion to = after.get();
        ChangeClass proposed = bumpOf(from, to);
        int order = to.compareTo(from);
        if (order < 0) {
            return new VersionBumpCheck(false, required, proposed, "version goes backwards: " + from + " -> " + to);
        }
        if (order == 0) {
            boolean ok = required == ChangeClass.NONE;
            return new VersionBumpCheck(ok, required, proposed, ok
                    ? "no changes and the same version " + to
                    : "version must increase: " + from + " -> " + to + " but the changes are " + required);
        }
        ChangeClass needed = required == ChangeClass.MAJOR && from.major() == 0 ? ChangeClass.MINOR : required;
        boolean ok = proposed.compareTo(needed) >= 0;
        return new VersionBumpCheck(ok, required, proposed, ok
                ? from + " -> " + to + " is a " + proposed + " bump; the changes need " + required
                : from + " -> " + to + " is a " + proposed + " bump, but the changes are " + required
                        + "; propose at least " + minimum(from, needed));
    }

    private static ChangeClass bumpOf(SemanticVersion from, SemanticVersion to) {
        if (to.major() != from.major()) {
            return ChangeClass.MAJOR;
        }
        if (to.minor() != from.minor()) {
            return ChangeClass.MINOR;
        }
        if (to.patch() != from.patch()) {
            return ChangeClass.PATCH;
        }
        // Only the pre-release part moved (e.g. 1.0.0-rc.1 -> 1.0.0).
        return ChangeClass.PATCH;
    }

    private static String minimum(SemanticVersion from, ChangeClass needed) {
        return switch (needed) {
            case MAJOR -> (from.major() + 1) + ".0.0";
            case MINOR -> from.major() + "." + (from.minor() + 1) + ".0";
            case PATCH, NONE -> from.major() + "." + from.minor() + "." + (from.patch() + 1);
        };
    }
}
