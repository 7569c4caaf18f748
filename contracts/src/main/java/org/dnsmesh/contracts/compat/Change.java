package org.dnsmesh.contracts.compat;

import java.util.Objects;

/**
 * One difference between two contract versions: its class, the rule that classified it (see the README rule
 * table), the element it is about (e.g. {@code schema.dns_queries.client_ip}) and a reason a reviewer can read.
 */
public record Change(ChangeClass changeClass, String rule, String element, String reason) {
    public Change {
        Objects.requireNonNull(changeClass, "changeClass");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return changeClass + " [" + rule + "] " + element + ": " + reason;
    }
}
