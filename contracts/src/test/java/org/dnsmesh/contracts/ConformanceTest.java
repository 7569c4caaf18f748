package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dnsmesh.contracts.model.DataContract;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every contract in the repository ({@code datacontract*.yaml} and {@code *.odcs.yaml}, outside {@code target/})
 * validates against the official ODCS v3.1.0 schema in ../shared/reference/odcs and survives a round trip.
 * Skipped, visibly, only when ../shared is absent.
 */
class ConformanceTest {

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path current = dir; current != null; current = current.getParent()) {
            if (Files.isDirectory(current.resolve("contracts")) && Files.isRegularFile(current.resolve("pom.xml"))
                    && Files.isRegularFile(current.resolve("mvnw"))) {
                return current;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + dir);
    }

    static Path officialSchema() {
        return repositoryRoot().resolve("../shared/reference/odcs/odcs-json-schema-v3.1.0.json").normalize();
    }

    static List<Path> contractFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(repositoryRoot(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                // archetype-resources hold Velocity templates (${domain} ...), not YAML; the contract they
                // generate is validated by ProductArchetypeIT, whose generated product refuses any finding.
                return name.equals("target") || name.equals(".git") || name.equals("node_modules")
                        || name.equals("archetype-resources")
                        // third-party contracts (some invalid, some ODCS v3.2), checked by CorpusRoundTripTest
                        || dir.endsWith(Path.of("src", "test", "resources", "corpus"))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (name.matches("datacontract.*\\.ya?ml") || name.endsWith(".odcs.yaml")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    @Test
    void repositoryShipsAtLeastTheExample() throws IOException {
        assertThat(contractFiles()).anySatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo("dns-resolver-queries.odcs.yaml"));
    }

    @Test
    void bundledSchemaIsTheOfficialOne() throws IOException {
        Path official = officialSchema();
        assumeTrue(Files.isRegularFile(official), "../shared is absent (" + official + "): cannot compare the bundled schema");
        try (var bundled = OdcsSchema.class.getResourceAsStream(OdcsSchema.RESOURCE)) {
            assertThat(bundled.readAllBytes()).isEqualTo(Files.readAllBytes(official));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyContractConformsToTheOfficialSchema() throws IOException {
        Path official = officialSchema();
        assumeTrue(Files.isRegularFile(official), "../shared is absent (" + official + "): skipping ODCS conformance");
        OdcsSchema schema = OdcsSchema.fromFile(official);
        Path root = repositoryRoot();
        return contractFiles().stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
            ContractSource source = DataContracts.source(file);
            assertThat(schema.validate(source)).as("schema findings for " + file).isEmpty();
            DataContract contract = DataContracts.bind(source);
            assertThat(DataContracts.parse(DataContracts.toYaml(contract), file + " (rewritten)")).isEqualTo(contract);
            assertThat(DataContracts.parse(DataContracts.toJson(contract), file + " (as JSON)")).isEqualTo(contract);
        }));
    }
}
