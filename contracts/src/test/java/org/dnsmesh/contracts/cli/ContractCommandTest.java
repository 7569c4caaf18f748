package org.dnsmesh.contracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dnsmesh.contracts.TestContractsAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ContractCommandTest {
    private static final String EXAMPLE = "examples/dns-resolver-queries.odcs.yaml";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path base;

    @BeforeEach
    void writeBase() throws Exception {
        base = dir.resolve("v1.yaml");
        Files.writeString(base, TestContractsAccess.base());
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new ContractCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void helpListsSubcommandsExamplesAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("lint", "diff", "avro", "changelog", "Examples:", "Exit codes:");
    }

    @Test
    void everySubcommandHasHelpWithExamples() {
        for (String sub : new String[] {"lint", "diff", "avro", "changelog"}) {
            StringWriter help = new StringWriter();
            CommandLine commandLine = new CommandLine(new ContractCommand());
            commandLine.setOut(new PrintWriter(help, true));
            assertThat(commandLine.execute(sub, "--help")).isZero();
            assertThat(help.toString()).as(sub).contains("Usage: contract " + sub, "Examples:", "mesh contract " + sub, "Exit codes:");
        }
    }

    @Test
    void noSubcommandPrintsUsageAndCannotRun() {
        assertThat(run()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(err.toString()).contains("Usage: contract");
    }

    @Test
    void lintCleanFileExitsZero() {
        assertThat(run("lint", EXAMPLE)).isZero();
        assertThat(out.toString()).contains("1 file(s), 0 error(s)");
    }

    @Test
    void lintFindingsExitOneWithFileLineColumn() throws Exception {
        Path bad = write("bad.yaml", TestContractsAccess.edit("version: 1.2.0", "version: v1"));
        assertThat(run("lint", EXAMPLE, bad.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains(bad + ":5:1: error [semver]").contains("2 file(s), 1 error(s)");
    }

    @Test
    void lintSyntaxErrorIsAFinding() throws Exception {
        Path bad = write("broken.yaml", "kind: [DataContract\n");
        assertThat(run("lint", bad.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains(bad + ":2:1: error [yaml] YAML syntax error");
    }

    @Test
    void lintJsonOutput() throws Exception {
        Path bad = write("bad.yaml", TestContractsAccess.edit("version: 1.2.0", "version: v1"));
        assertThat(run("lint", "--json", bad.toString())).isEqualTo(ExitCodes.FINDINGS);
        JsonNode findings = new ObjectMapper().readTree(out.toString());
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("line").asInt()).isEqualTo(5);
        assertThat(findings.get(0).get("rule").asText()).isEqualTo("semver");
    }

    @Test
    void lintMissingFileCannotRun() {
        assertThat(run("lint", dir.resolve("missing.yaml").toString())).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(err.toString()).contains("missing.yaml: no such file");
    }

    @Test
    void lintMissingFileWithJsonIsAJsonError() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        assertThat(run("lint", "--json", missing.toString())).isEqualTo(ExitCodes.CANNOT_RUN);
        JsonNode findings = new ObjectMapper().readTree(out.toString());
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("file").asText()).isEqualTo(missing.toString());
        assertThat(findings.get(0).get("severity").asText()).isEqualTo("error");
        assertThat(findings.get(0).get("rule").asText()).isEqualTo("file");
        assertThat(findings.get(0).get("message").asText()).contains("no such file");
    }

    @Test
    void lintDirectoryLintsEveryContractUnderIt() throws Exception {
        Path tree = dir.resolve("products");
        Files.createDirectories(tree.resolve("a"));
        Files.createDirectories(tree.resolve("b/nested"));
        Files.createDirectories(tree.resolve("target"));
        Files.writeString(tree.resolve("a/datacontract.yaml"), TestContractsAccess.base());
        Files.writeString(tree.resolve("b/nested/orders.odcs.yaml"), TestContractsAccess.edit("version: 1.2.0", "version: v1"));
        Files.writeString(tree.resolve("b/other-name.yml"), TestContractsAccess.base());           // kind: DataContract
        Files.writeString(tree.resolve("b/ci.yaml"), "jobs:\n  build: {}\n");                    // not a contract
        Files.writeString(tree.resolve("target/copy.odcs.yaml"), "kind: [broken\n");              // build output, skipped
        assertThat(run("lint", tree.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains(tree.resolve("b/nested/orders.odcs.yaml") + ":5:1: error [semver]")
                .contains("3 file(s), 1 error(s)").doesNotContain("ci.yaml").doesNotContain("copy.odcs.yaml");
    }

    @Test
    void lintDirectoryOverTheRealCorpusLintsEveryFileAndTheJsonNamesEachOnce() throws Exception {
        Path corpus = Path.of("src/test/resources/corpus");
        long expected;
        try (var files = Files.walk(corpus)) {
            expected = files.filter(f -> f.getFileName().toString().endsWith(".odcs.yaml")).count();
        }
        assertThat(expected).isGreaterThanOrEqualTo(80);
        assertThat(run("lint", corpus.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains(expected + " file(s), ");
        out.getBuffer().setLength(0);
        assertThat(run("lint", "--json", corpus.toString())).isEqualTo(ExitCodes.FINDINGS);
        JsonNode findings = new ObjectMapper().readTree(out.toString());
        java.util.Set<String> files = new java.util.HashSet<>();
        findings.forEach(f -> files.add(f.get("file").asText()));
        // none of these public contracts follows our project rules (owner team, classification), so each has findings
        assertThat(files).hasSize((int) expected);
    }

    @Test
    void lintEmptyDirectoryCannotRun() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("lint", "--json", empty.toString())).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(new ObjectMapper().readTree(out.toString()).get(0).get("message").asText()).contains("no contract under");
    }

    @Test
    void lintWithoutFilesIsAUsageError() {
        assertThat(run("lint")).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(err.toString()).contains("Missing required parameter");
    }

    @Test
    void diffWithFittingBumpExitsZero() throws Exception {
        Path next = write("v2.yaml", TestContractsAccess.edit("version: 1.2.0", "version: 1.3.0")
                .replace("maxLength: 253", "maxLength: 200"));
        assertThat(run("diff", base.toString(), next.toString())).isZero();
        assertThat(out.toString()).contains("MINOR [constraint-tightened] schema.events.qname", "overall: MINOR", "version: ok");
    }

    @Test
    void diffRefusesTooSmallABump() throws Exception {
        Path next = write("v2.yaml", TestContractsAccess.edit("version: 1.2.0", "version: 1.2.1")
                .replace("value: [udp, tcp, doh]", "value: [udp, tcp]"));
        assertThat(run("diff", base.toString(), next.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains("MAJOR [enum-symbol-removed]", "overall: MAJOR", "NOT ACCEPTABLE", "propose at least 2.0.0");
    }

    @Test
    void diffFailOnThreshold() throws Exception {
        Path next = write("v2.yaml", TestContractsAccess.edit("version: 1.2.0", "version: 1.3.0")
                .replace("maxLength: 253", "maxLength: 200"));
        assertThat(run("diff", "--fail-on", "MINOR", base.toString(), next.toString())).isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void diffUnreadableContractCannotRun() throws Exception {
        Path broken = write("broken.yaml", "kind: [\n");
        assertThat(run("diff", base.toString(), broken.toString())).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(err.toString()).contains("broken.yaml:", "not a readable contract");
    }

    @Test
    void avroPrintsSchemaAndFingerprints() {
        assertThat(run("avro", EXAMPLE)).isZero();
        assertThat(out.toString()).contains("// object: dns_queries", "// crc64-avro: ", "// sha256: ", "\"name\" : \"dns_queries\"");
    }

    @Test
    void avroSchemaOnlyIsParseableAvro() {
        assertThat(run("avro", EXAMPLE, "--object", "dns_queries", "--schema-only")).isZero();
        assertThat(new org.apache.avro.Schema.Parser().parse(out.toString()).getName()).isEqualTo("dns_queries");
    }

    @Test
    void avroJson() throws Exception {
        assertThat(run("avro", "--json", EXAMPLE)).isZero();
        JsonNode node = new ObjectMapper().readTree(out.toString()).get(0);
        assertThat(node.get("object").asText()).isEqualTo("dns_queries");
        assertThat(node.get("sha256").asText()).hasSize(64);
        assertThat(node.get("crc64").asText()).hasSize(16);
    }

    @Test
    void avroOfAnEmptyObjectIsALocatedFinding() throws Exception {
        String text = TestContractsAccess.edit("      - name: tld\n        logicalType: string\n",
                "      - name: tld\n        logicalType: object\n");
        Path file = write("empty-object.yaml", text);
        int line = java.util.Arrays.asList(text.split("\n")).indexOf("      - name: tld") + 1;
        assertThat(run("avro", file.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(err.toString()).startsWith(file + ":" + line + ":9: error [avro-mapping] /schema/0/properties/")
                .contains("property 'tld' is an object without properties");
    }

    @Test
    void avroUnknownObjectIsAFinding() {
        assertThat(run("avro", EXAMPLE, "--object", "nope")).isEqualTo(ExitCodes.FINDINGS);
        assertThat(err.toString()).contains("no schema object 'nope'");
    }

    @Test
    void changelogMarkdownAndJson() throws Exception {
        Path next = write("v2.yaml", TestContractsAccess.edit("version: 1.2.0", "version: 2.0.0")
                .replace("value: 400", "value: 90").replace("description: Event id.", "description: The event id."));
        assertThat(run("changelog", base.toString(), next.toString())).isZero();
        assertThat(out.toString()).contains("# dns-base 1.2.0 -> 2.0.0", "Overall: **MAJOR**", "## Breaking changes (MAJOR)",
                "`slaProperties.retention`", "## Documentation (PATCH)");

        StringWriter json = new StringWriter();
        CommandLine commandLine = new CommandLine(new ContractCommand());
        commandLine.setOut(new PrintWriter(json, true));
        assertThat(commandLine.execute("changelog", "--json", base.toString(), next.toString())).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toString());
        assertThat(root.get("overall").asText()).isEqualTo("MAJOR");
        assertThat(root.get("versionCheck").get("acceptable").asBoolean()).isTrue();
        assertThat(root.get("changes")).anySatisfy(c -> assertThat(c.get("rule").asText()).isEqualTo("retention-shortened"));
    }

    @Test
    void changelogWithTooSmallBumpExitsOne() throws Exception {
        Path next = write("v2.yaml", TestContractsAccess.edit("value: 400", "value: 90"));
        assertThat(run("changelog", base.toString(), next.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains("**not acceptable**");
    }
}
