package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dnsmesh.contracts.compat.ChangeClass;
import org.dnsmesh.contracts.compat.CompatibilityChecker;
import org.dnsmesh.contracts.model.DataContract;
import org.junit.jupiter.api.Test;

/**
 * Every real ODCS contract under {@code src/test/resources/corpus} (gathered from public repositories, sources in
 * {@code corpus/SOURCES.md}) survives read -> write YAML -> read: the model is equal and lint reports the same
 * findings; written over its own layout, the document reads back to the identical tree and keeps its comments.
 */
class CorpusRoundTripTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus");

    record Outcome(String file, boolean readable, boolean valid, boolean modelEqual, boolean findingsEqual,
                   boolean treeEqual, boolean idempotent, int commentsBefore, int commentsAfter, String detail) {}

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
                    .sorted()
                    .toList();
        }
    }

    /** Findings without position: positions move when the writer lays keys out in the standard's order. */
    static List<String> unlocated(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.severity() + " [" + f.rule() + "] " + f.pointer() + ": " + f.message())
                .sorted()
                .toList();
    }

    static Outcome roundTrip(Path file) throws IOException {
        String name = file.getFileName().toString();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Finding> before = ContractValidator.validate(text, name);
        // valid ODCS: the standard's schema and the model accept it (our project rules, e.g. classification, aside)
        boolean valid = before.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR
                && List.of("yaml", "odcs-schema", "model").contains(f.rule()));
        DataContract contract;
        try {
            contract = DataContracts.parse(text, name);
        } catch (ContractReadException e) {
            return treeRoundTrip(name, text, before);
        }
        // 1. canonical YAML (model order): equal model, same findings
        String canonical = DataContracts.toYaml(contract);
        DataContract again = DataContracts.parse(canonical, name);
        List<Finding> afterCanonical = ContractValidator.validate(canonical, name);
        // equal model, and the diff of a contract against its own round trip finds nothing (not even PATCH)
        boolean modelEqual = again.equals(contract)
                && CompatibilityChecker.diff(contract, again).overall() == ChangeClass.NONE
                && CompatibilityChecker.diff(contract, DataContracts.parse(DataContracts.toYaml(contract, text), name))
                        .overall() == ChangeClass.NONE;
        boolean findingsEqual = unlocated(afterCanonical).equals(unlocated(before))
                || !valid && onlyCompletedRequiredValues(unlocated(before), unlocated(afterCanonical));
        // 2. over its own layout: identical tree, same findings at the same positions, comments kept
        String laidOut = DataContracts.toYaml(contract, text);
        boolean treeEqual = DataContracts.source(laidOut, name).tree().equals(DataContracts.source(text, name).tree());
        List<Finding> afterLayout = ContractValidator.validate(laidOut, name);
        findingsEqual &= unlocated(afterLayout).equals(unlocated(before));
        boolean idempotent = DataContracts.toYaml(DataContracts.parse(laidOut, name), laidOut).equals(laidOut);
        String detail = "";
        if (!findingsEqual) {
            detail = "before " + unlocated(before) + "\ncanonical " + unlocated(afterCanonical) + "\nlaid out " + unlocated(afterLayout);
        } else if (!modelEqual) {
            detail = "canonical:\n" + canonical;
        } else if (!treeEqual || !idempotent) {
            detail = "laid out:\n" + laidOut;
        }
        return new Outcome(name, true, valid, modelEqual, findingsEqual, treeEqual, idempotent, comments(text),
                comments(laidOut), detail);
    }

    /**
     * The one change the canonical writer may make, and only to an invalid document: the model cannot tell an absent
     * {@code slaProperties[].value} / {@code customProperties[].value} (required by the standard) from an explicit
     * null, and writes {@code value: null}, so "required property 'value' not found" goes and nothing else changes.
     * The layout-preserving writer keeps the key absent (checked below), and a valid contract always has it.
     */
    static boolean onlyCompletedRequiredValues(List<String> before, List<String> after) {
        List<String> removed = new ArrayList<>(before);
        after.forEach(removed::remove);
        List<String> added = new ArrayList<>(after);
        before.forEach(added::remove);
        return added.isEmpty() && !removed.isEmpty() && removed.stream().allMatch(f -> f.matches(
                "ERROR \\[odcs-schema\\] /(slaProperties|.*customProperties)/\\d+: required property 'value' not found.*"));
    }

    /**
     * A document that does not bind to the model (an unknown key, a v3.2 construct, a wrong type) still goes
     * through the writer: its tree, written with and without its own layout, reads back identical with the same
     * findings, so editing tools built on the writer never change what they did not touch.
     */
    static Outcome treeRoundTrip(String name, String text, List<Finding> before) {
        var tree = DataContracts.source(text, name).tree();
        String plain = YamlTreeWriter.write(tree, null);
        String laidOut = YamlTreeWriter.write(tree, text);
        boolean treeEqual = DataContracts.source(plain, name).tree().equals(tree)
                && DataContracts.source(laidOut, name).tree().equals(tree);
        boolean findingsEqual = unlocated(ContractValidator.validate(plain, name)).equals(unlocated(before))
                && unlocated(ContractValidator.validate(laidOut, name)).equals(unlocated(before));
        boolean idempotent = YamlTreeWriter.write(DataContracts.source(laidOut, name).tree(), laidOut).equals(laidOut);
        String detail = findingsEqual && treeEqual && idempotent ? "" : "plain:\n" + plain + "\nlaid out:\n" + laidOut
                + "\nbefore " + unlocated(before) + "\nafter " + unlocated(ContractValidator.validate(plain, name));
        return new Outcome(name, false, false, true, findingsEqual, treeEqual, idempotent, comments(text),
                comments(laidOut), detail);
    }

    static int comments(String yaml) {
        int count = 0;
        for (String line : yaml.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || line.contains(" #")) {
                count++;
            }
        }
        return count;
    }

    @Test
    void numberLikePhysicalTypesOfARealContractStayStrings() throws IOException {
        // datacontract-cli's protobuf import writes protobuf type numbers as physicalType: '9' (string) and '3'
        String text = Files.readString(CORPUS.resolve("datacontract-cli/imports-protobuf.odcs.yaml"));
        String written = DataContracts.toYaml(DataContracts.parse(text, "p.yaml"));
        assertThat(written).contains("physicalType: '9'").contains("physicalType: '3'").doesNotContain("physicalType: 9\n");
        var properties = DataContracts.parse(written, "p.yaml").schema().getFirst().properties();
        assertThat(properties).extracting(p -> p.physicalType()).containsExactly("9", "9", "9", "3", "9");
        assertThat(ContractValidator.validate(written, "p.yaml")).extracting(Finding::rule).doesNotContain("odcs-schema");
    }

    @Test
    void everyCorpusContractRoundTripsWithTheSameFindings() throws IOException {
        List<Path> files = corpus();
        assertThat(files).as("corpus under " + CORPUS).hasSizeGreaterThanOrEqualTo(80);
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files) {
            outcomes.add(roundTrip(file));
        }
        List<Outcome> changed = outcomes.stream().filter(o -> !o.findingsEqual()).toList();
        List<Outcome> broken = outcomes.stream()
                .filter(o -> !o.modelEqual() || !o.treeEqual() || !o.idempotent()).toList();
        long readable = outcomes.stream().filter(Outcome::readable).count();
        long valid = outcomes.stream().filter(Outcome::valid).count();
        int commentsBefore = outcomes.stream().mapToInt(Outcome::commentsBefore).sum();
        int commentsAfter = outcomes.stream().mapToInt(Outcome::commentsAfter).sum();
        System.out.printf("corpus: %d contracts (%d bind to the model, %d valid ODCS: no yaml, odcs-schema or model error), findings changed after"
                        + " a round trip: %d, model/tree/idempotence failures: %d, comment lines kept %d of %d%n",
                files.size(), readable, valid, changed.size(), broken.size(), commentsAfter, commentsBefore);
        assertThat(changed).as(() -> changed.stream().map(o -> o.file() + "\n" + o.detail()).toList().toString()).isEmpty();
        assertThat(broken).as(() -> broken.stream().map(o -> o.file() + " model=" + o.modelEqual() + " tree="
                + o.treeEqual() + " idempotent=" + o.idempotent() + "\n" + o.detail()).toList().toString()).isEmpty();
    }
}
