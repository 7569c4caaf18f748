package org.dnsmesh.contracts;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dnsmesh.contracts.model.DataContract;

/**
 * Validates a contract in two layers and returns every finding, sorted by position:
 * (1) the official ODCS v3.1.0 JSON Schema ({@link OdcsSchema}); (2) this project's rules ({@link ContractRules}),
 * run when the document binds to the model. An unreadable document gives one finding at the syntax error.
 */
public final class ContractValidator {
    private final OdcsSchema schema;

    public ContractValidator(OdcsSchema schema) {
        this.schema = schema;
    }

    /** A validator using the schema bundled in this jar. */
    public static ContractValidator standard() {
        return new ContractValidator(OdcsSchema.bundled());
    }

    /** Validates a file; I/O problems (missing file) throw {@link UncheckedIOException}. */
    public static List<Finding> validate(Path file) {
        return standard().check(file);
    }

    /** Validates contract text. */
    public static List<Finding> validate(String text, String sourceName) {
        return standard().check(text, sourceName);
    }

    /** Validates an in-memory contract (e.g. one a template generated) via its YAML form; lines refer to that form. */
    public static List<Finding> validate(DataContract contract, String sourceName) {
        return standard().check(DataContracts.toYaml(contract), sourceName);
    }

    public List<Finding> check(Path file) {
        ContractSource source;
        try {
            source = DataContracts.source(file);
        } catch (ContractReadException e) {
            return e.findings();
        }
        return check(source);
    }

    public List<Finding> check(String text, String sourceName) {
        ContractSource source;
        try {
            source = DataContracts.source(text, sourceName);
        } catch (ContractReadException e) {
            return e.findings();
        }
        return check(source);
    }

    /**
     * Both layers over a parsed document. When the document does not bind to the model (a wrong type, an unknown
     * field), the project rules still run over what does bind: unknown fields are ignored and elements that do
     * not load are left out, and a warning names what was left out. If nothing binds, a warning says the rules
     * were skipped and why: silence would read as "no findings".
     */
    public List<Finding> check(ContractSource source) {
        List<Finding> findings = new ArrayList<>(schema.validate(source));
        try {
            DataContract contract = DataContracts.bind(source);
            findings.addAll(ContractRules.check(contract, source));
        } catch (ContractReadException e) {
            // The schema layer usually already explains a binding failure; add it only if it says something new.
            for (Finding finding : e.findings()) {
                boolean covered = findings.stream().anyMatch(f -> f.pointer().equals(finding.pointer())
                        || finding.pointer().startsWith(f.pointer() + "/") && !f.pointer().isEmpty());
                if (!covered || findings.isEmpty()) {
                    findings.add(finding);
                }
            }
            findings.addAll(rulesOverWhatBinds(source, e));
        }
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::rule));
        return List.copyOf(findings);
    }

    private static List<Finding> rulesOverWhatBinds(ContractSource source, ContractReadException strict) {
        PartialBinding partial = PartialBinding.of(source);
        if (partial.contract().isEmpty()) {
            return List.of(source.warning("model", "", "project rules skipped: the document does not bind to the"
                    + " contract model (" + partial.reason() + "); fix the errors above and lint again"));
        }
        List<Finding> findings = new ArrayList<>();
        try {
            findings.addAll(ContractRules.check(partial.contract().get(), source));
        } catch (RuntimeException e) {
            return List.of(source.warning("model", "", "project rules skipped: they could not run over the part of"
                    + " the document that binds (" + e.getMessage() + ")"));
        }
        if (!partial.leftOut().isEmpty()) {
            findings.add(source.warning("model", "", "project rules ran without " + String.join(", ", partial.leftOut())
                    + ", which do not bind to the contract model; their rules were not checked"));
        }
        return findings;
    }
}
