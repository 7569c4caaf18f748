package org.dnsmesh.contracts;

import java.util.Locale;
import java.util.Optional;

/**
 * Column classification used by this project, ordered from most to least protected: comparing with
 * {@link #isLessProtectiveThan} tells whether a change weakens protection. Governance maps each class to a
 * masking policy; {@link #PII} columns must name a masking rule in the contract.
 */
public enum Classification {
    /** Directly identifies a person or device (client IP address). Masked unless the reader is entitled. */
    PII("pii"),
    /** Derived identifier (salted HMAC of an identifier): joinable, not reversible without the key. */
    PSEUDONYMOUS("pseudonymous"),
    /** Operational data for people inside the organisation. */
    INTERNAL("internal"),
    /** May be published. */
    PUBLIC("public");

    private final String value;

    Classification(String value) {
        this.value = value;
    }

    /** The value written in contracts. */
    public String value() {
        return value;
    }

    /** Protection level: higher is more protected. */
    public int protectionLevel() {
        return values().length - ordinal();
    }

    public boolean isLessProtectiveThan(Classification other) {
        return protectionLevel() < other.protectionLevel();
    }

    /** Parses a contract value (case-insensitive); empty when it is not one of ours. */
    public static Optional<Classification> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        for (Classification classification : values()) {
            if (classification.value.equals(normalized)) {
                return Optional.of(classification);
            }
        }
        return Optional.empty();
    }
}
