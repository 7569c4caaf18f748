package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dnsmesh.contracts.model.SlaProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lint says what is wrong and only that: unknown keys, formats, rules over partly broken documents, SLA units. */
class PreciseMessagesTest {

    static List<Finding> lint(String text) {
        return ContractValidator.validate(text, "m.yaml");
    }

    static List<String> unknownKeys(List<Finding> findings) {
        return findings.stream().filter(f -> f.message().startsWith("unknown field"))
                .map(f -> f.message().substring("unknown field '".length(), f.message().indexOf("'", 15))).toList();
    }

    @Test
    void anUnknownKeyInAPropertyIsTheOnlyOneReported() {
        String text = TestContracts.edit("      - name: tld\n        logicalType: string\n",
                "      - name: tld\n        isNullable: true\n        logicalType: string\n");
        List<Finding> findings = lint(text);
        assertThat(unknownKeys(findings)).containsExactly("isNullable");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pointer()).endsWith("/isNullable");
            assertThat(f.line()).isEqualTo(text.lines().toList().indexOf("        isNullable: true") + 1);
        });
    }

    @Test
    void twoUnknownKeysAreBothReportedAndNoNeighbour() {
        String text = TestContracts.edit("      - name: tld\n        logicalType: string\n",
                "      - name: tld\n        isNullable: true\n        isUnique: false\n        logicalType: string\n");
        assertThat(unknownKeys(lint(text))).containsExactlyInAnyOrder("isNullable", "isUnique");
    }

    @Test
    void aStandardKeyInTheWrongPlaceIsTheOneReported() {
        // 'tenant' is an ODCS key, but not of a property: its neighbours must not be blamed
        String text = TestContracts.edit("      - name: tld\n        logicalType: string\n",
                "      - name: tld\n        tenant: acme\n        logicalType: string\n");
        assertThat(unknownKeys(lint(text))).containsExactly("tenant");
    }

    @Test
    void theRealContractWithSixUnknownKeysGetsSixMessages() {
        // datacontract-cli's servicelevels fixture: isNullable/isUnique on three columns
        List<Finding> findings = ContractValidator.validate(Path.of("src/test/resources/corpus/datacontract-cli/postgres-servicelevels.odcs.yaml"));
        assertThat(unknownKeys(findings)).containsExactlyInAnyOrder("isNullable", "isUnique", "isNullable", "isUnique",
                "isNullable", "isUnique");
    }

    @Test
    void nestedPropertiesUnderAStringBlameThePropertiesKeyNotTheLogicalType() {
        // datacontract-cli's nested-properties fixture: a string property with a properties list
        List<Finding> findings = ContractValidator.validate(Path.of("src/test/resources/corpus/datacontract-cli/spec-nested-properties.odcs.yaml"));
        assertThat(unknownKeys(findings)).containsExactly("properties");
    }

    @Test
    void theOfficialEnumExampleGetsOneMessagePerEnumKey() {
        // bitol-io enum.odcs.yaml uses v3.2's enum on three properties; v3.1.0 does not define it
        List<Finding> findings = ContractValidator.validate(Path.of("src/test/resources/corpus/bitol/enum.odcs.yaml"));
        assertThat(unknownKeys(findings)).containsExactly("enum", "enum", "enum");
    }

    static final Path NEGATIVE = Path.of("src/test/resources/corpus/bitol-negative");

    /** Schema findings other than the v3.2.0 apiVersion these upstream files declare. */
    static List<Finding> schemaFindings(List<Finding> findings) {
        return findings.stream().filter(f -> f.rule().equals("odcs-schema") && !f.pointer().equals("/apiVersion")).toList();
    }

    @Test
    void aQualityRuleWithAShortMustBeBetweenGetsOnlyThatMessage() {
        // bitol-io negative test: mustBeBetween: [100]; the other seven operators' "required ... not found" are noise
        List<Finding> findings = schemaFindings(ContractValidator.validate(NEGATIVE.resolve("quality-mustbebetween-wrong-size.odcs.yaml")));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pointer()).isEqualTo("/schema/0/quality/0/mustBeBetween");
            assertThat(f.message()).contains("at least 2 items");
            assertThat(f.line()).isEqualTo(15);
        });
    }

    @Test
    void aQualityRuleWithTwoOperatorsGetsOneMessage() {
        // bitol-io negative test: mustBe and mustNotBe on one rule
        List<Finding> findings = schemaFindings(ContractValidator.validate(NEGATIVE.resolve("quality-multiple-operators.odcs.yaml")));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pointer()).isEqualTo("/schema/0/properties/0/quality/0");
            assertThat(f.message()).isEqualTo("has 2 of the alternatives 'mustBe', 'mustNotBe' where exactly one is allowed:"
                    + " keep one (keyword oneOf)");
        });
    }

    @Test
    void aQualityRuleWithoutAnOperatorNamesTheAlternativesOnce() throws Exception {
        String text = java.nio.file.Files.readString(NEGATIVE.resolve("quality-mustbebetween-wrong-size.odcs.yaml"))
                .replace("        mustBeBetween: [100]\n", "");
        assertThat(text).doesNotContain("mustBeBetween");
        List<Finding> findings = schemaFindings(lint(text));
        // the standard's eight comparison operators (ODCS v3.1.0, "DataQualityOperators")
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pointer()).isEqualTo("/schema/0/quality/0");
            assertThat(f.message()).startsWith("needs exactly one of").contains("'mustBe'", "'mustNotBe'", "'mustBeGreaterThan'",
                    "'mustBeGreaterOrEqualTo'", "'mustBeLessThan'", "'mustBeLessOrEqualTo'", "'mustBeBetween'", "'mustNotBeBetween'");
        });
    }

    @Test
    void aPropertyWithoutANameIsNotCalledArrayItems() {
        List<Finding> findings = ContractValidator.validate(NEGATIVE.resolve("schema-property-missing-name.odcs.yaml"));
        assertThat(findings).extracting(Finding::message).noneMatch(m -> m.contains("array items"))
                .anyMatch(m -> m.startsWith("property without a name has no classification"));
        assertThat(schemaFindings(findings)).singleElement().satisfies(f -> assertThat(f.message()).contains("'name'"));
    }

    @Test
    void anSlaWithoutAValueSaysSoRatherThanQuotingNull() {
        List<Finding> findings = ContractValidator.validate(NEGATIVE.resolve("sla-missing-required-value.odcs.yaml"));
        assertThat(findings).filteredOn(f -> f.rule().equals("sla-value")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("SLA 'latency' has no value; expected a duration")
                        .doesNotContain("'null'"));
    }

    @Test
    void projectRulesStillRunWhenAnUnknownKeyStopsBinding() {
        String text = TestContracts.edit("version: 1.2.0", "version: v1")
                .replace("      - name: tld\n        logicalType: string\n", "      - name: tld\n        isNullable: true\n        logicalType: string\n");
        assertThat(lint(text)).extracting(Finding::rule).contains("odcs-schema", "semver");
    }

    @Test
    void projectRulesRunWithoutTheElementThatDoesNotLoadAndSaySo() {
        String text = TestContracts.edit("version: 1.2.0", "version: v1").replace("    port: 8080\n", "    port: [8080]\n");
        List<Finding> findings = lint(text);
        assertThat(findings).extracting(Finding::rule).contains("semver");
        assertThat(findings).filteredOn(f -> f.rule().equals("model")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("project rules ran without /servers/0/port");
        });
    }

    @Test
    void whenNothingBindsTheOutputSaysRulesWereSkippedAndWhy() {
        List<Finding> findings = lint("- just\n- a list\n");
        assertThat(findings).filteredOn(f -> f.rule().equals("model") && f.severity() == Finding.Severity.WARNING)
                .singleElement().satisfies(f -> assertThat(f.message()).startsWith("project rules skipped:"));
    }

    static void assertOneFormatFinding(String from, String to, String pointer) {
        String base = TestContracts.BASE + "contractCreatedTs: \"2022-11-15T02:59:43+00:00\"\n";
        assertThat(lint(base)).isEmpty();
        String text = base.replace(from, to);
        assertThat(text).isNotEqualTo(base);
        assertThat(lint(text)).singleElement().satisfies(f -> {
            assertThat(f.pointer()).isEqualTo(pointer);
            assertThat(f.message()).contains("format");
        });
    }

    @Test
    void dateTimeFormatIsChecked() {
        assertOneFormatFinding("contractCreatedTs: \"2022-11-15T02:59:43+00:00\"", "contractCreatedTs: \"yesterday\"",
                "/contractCreatedTs");
    }

    @Test
    void uriFormatIsChecked() {
        assertOneFormatFinding("servers:\n", "servers:\n  - server: lake\n    type: s3\n    location: \"not a uri\"\n",
                "/servers/0/location");
    }

    @Test
    void dateFormatIsChecked() {
        assertOneFormatFinding("team:\n  name: dns-team\n", "team:\n  name: dns-team\n  members:\n    - username: alice\n      dateIn: 1st of May\n",
                "/team/members/0/dateIn");
    }

    @ParameterizedTest
    @CsvSource({"'500 ms',, 500", "500ms,, 500", "500, ms, 500", "'0.5', s, 500", "'1.5h',, 5400000", "15, m, 900000"})
    void millisecondSlasAreDurations(String value, String unit, long millis) {
        Object parsed = value.matches("\\d+") ? (Object) Long.parseLong(value) : value;
        SlaProperty sla = new SlaProperty(null, "latency", parsed, null, unit, null, null, null, null, null);
        assertThat(SlaValues.duration(sla)).contains(Duration.ofMillis(millis));
    }

    @Test
    void aMillisecondLatencyLintsClean() {
        String text = TestContracts.edit("  - property: freshness\n    value: 15\n    unit: m\n",
                "  - property: freshness\n    value: 15\n    unit: m\n  - property: latency\n    value: 500ms\n");
        assertThat(lint(text)).isEmpty();
    }
}
