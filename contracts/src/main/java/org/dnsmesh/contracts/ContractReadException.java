package org.dnsmesh.contracts;

import java.util.List;

/** A contract could not be read (syntax error, limits exceeded, wrong types, unknown fields); see {@link #findings()}. */
public final class ContractReadException extends RuntimeException {
    private final List<Finding> findings;

    public ContractReadException(List<Finding> findings) {
        super(findings.isEmpty() ? "contract could not be read" : findings.getFirst().toString());
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }
}
