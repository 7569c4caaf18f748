package org.dnsmesh.contracts.compat;

/**
 * How much a change matters to consumers, ordered: a report's overall class is the highest of its changes.
 * {@link #NONE} means nothing a consumer can observe changed.
 */
public enum ChangeClass {
    NONE,
    /** Documentation only: descriptions, tags, support channels, examples, authoritative definitions. */
    PATCH,
    /** An added or stronger promise: old consumers keep working. */
    MINOR,
    /** A weaker or different promise: some consumer may break. */
    MAJOR;

    public ChangeClass max(ChangeClass other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
