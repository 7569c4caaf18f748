package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dnsmesh.contracts.model.DataContract;
import org.junit.jupiter.api.Test;

/**
 * Every real ODCS contract under {@code src/test/resources/corpus} (gathered from public repositories, sources in
 * {@code corpus/SOURCES.md}) survives read -> write YAML -> read: the model is equal and lint reports the same
 * findings; written over its own layout, the document reads back to the identical tree and keeps its comments.
 */
class CorpusRoundTripTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus");

    record Outcome(String file, boolean readable, boolean modelEqual, boolean findingsEqual, boolean treeEqual,
                   boolean idempotent, int commentsBefore, int commentsAfter, String detail) {}

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
        DataContract contract;
        try {
            contract = DataContracts.parse(text, name);
        } catch (ContractReadException e) {
            return new Outcome(name, false, true, true, true, true, 0, 0, "not bindable: " + e.getMessage());
        }
        // 1. canonical YAML (model order): equal model, same findings
        String canonical = DataContracts.toYaml(contract);
        DataContract again = DataContracts.parse(canonical, name);
        List<Finding> afterCanonical = ContractValidator.validate(canonical, name);
        boolean modelEqual = again.equals(contract);
        boolean findingsEqual = unlocated(afterCanonical).equals(unlocated(before));
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
        return new Outcome(name, true, modelEqual, findingsEqual, treeEqual, idempotent, comments(text), comments(laidOut), detail);
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
    void everyCorpusContractRoundTripsWithTheSameFindings() throws IOException {
        List<Path> files = corpus();
        assertThat(files).as("corpus under " + CORPUS).hasSizeGreaterThanOrEqualTo(30);
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files) {
            outcomes.add(roundTrip(file));
        }
        List<Outcome> changed = outcomes.stream().filter(o -> !o.findingsEqual()).toList();
        List<Outcome> broken = outcomes.stream()
                .filter(o -> !o.modelEqual() || !o.treeEqual() || !o.idempotent()).toList();
        long readable = outcomes.stream().filter(Outcome::readable).count();
        int commentsBefore = outcomes.stream().mapToInt(Outcome::commentsBefore).sum();
        int commentsAfter = outcomes.stream().mapToInt(Outcome::commentsAfter).sum();
        System.out.printf("corpus: %d contracts (%d bind to the model), findings changed after a round trip: %d,"
                        + " model/tree/idempotence failures: %d, comment lines kept %d of %d%n",
                files.size(), readable, changed.size(), broken.size(), commentsAfter, commentsBefore);
        assertThat(changed).as(() -> changed.stream().map(o -> o.file() + "\n" + o.detail()).toList().toString()).isEmpty();
        assertThat(broken).as(() -> broken.stream().map(o -> o.file() + " model=" + o.modelEqual() + " tree="
                + o.treeEqual() + " idempotent=" + o.idempotent() + "\n" + o.detail()).toList().toString()).isEmpty();
    }
}
