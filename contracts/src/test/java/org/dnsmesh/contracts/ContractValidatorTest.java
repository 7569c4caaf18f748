package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dnsmesh.contracts.DataContractsTest.lineOf;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractValidatorTest {

    @Test
    void exampleAndBaseFixtureAreClean() throws Exception {
        assertThat(ContractValidator.validate(TestContracts.EXAMPLE)).isEmpty();
        assertThat(ContractValidator.validate(TestContracts.BASE, "base.yaml")).isEmpty();
    }

    /** Each case: an edit of the base fixture, the rule it must trip, the line fragment it must point at. */
    static Stream<Arguments> ruleViolations() {
        return Stream.of(
                Arguments.of("semver", "version: 1.2.0", "version: 1.2", "version: 1.2"),
                Arguments.of("team-owner", "team:\n  name: dns-team\n", "team:\n  description: nobody\n", "team:"),
                Arguments.of("property-type", "  - name: tld\n        logicalType: string\n", "  - name: tld\n", "- name: tld"),
                Arguments.of("property-classification", "    classification: public\n        tags: [dns]", "    tags: [dns]", "- name: tld"),
                Arguments.of("property-classification", "    classification: public\n        tags: [dns]",
                        "    classification: secret\n        tags: [dns]", "classification: secret"),
                Arguments.of("pii-masking", "value: ip-prefix", "value: scramble", "value: scramble"),
                Arguments.of("pii-masking", "          - property: maskingRule\n            value: ip-prefix\n",
                        "          - property: enumSymbols\n            value: [a]\n", "- name: client_ip"),
                Arguments.of("pseudonymisation", "value: hmac-sha256", "value: md5", "value: md5"),
                Arguments.of("sla-value", "    value: 15\n    unit: m", "    value: 15\n    unit: fortnights", "value: 15"),
                Arguments.of("sla-value", "    value: 99.5\n    unit: percent", "    value: 101\n    unit: percent", "value: 101"),
                Arguments.of("sla-value", "value: 400", "value: forever", "value: forever"),
                Arguments.of("partition-column", "value: [\"day(event_ts)\"]", "value: [\"day(created_at)\"]", "day(created_at)"),
                Arguments.of("partition-column", "value: [\"day(event_ts)\"]", "value: [\"week(event_ts)\"]", "week(event_ts)"),
                Arguments.of("custom-property-key", "property: kafkaTopic", "property: kafkaTopik", "kafkaTopik"),
                Arguments.of("primary-key-required", "        required: true\n        unique: true", "        required: false\n        unique: true",
                        "- name: event_id"),
                Arguments.of("duplicate-name", "- name: tld", "- name: qname", "- name: qname\n"),
                Arguments.of("enum-symbols", "value: [udp, tcp, doh]", "value: [udp, tcp, udp]", "[udp, tcp, udp]"),
                Arguments.of("odcs-schema", "kind: DataContract", "kind: DataContrakt", "kind: DataContrakt"),
                Arguments.of("odcs-schema", "    port: 8080", "    port: \"8080\"", "port: \"8080\""),
                Arguments.of("odcs-schema", "    physicalName: events\n", "    physicalName: events\n    colour: blue\n", "colour: blue"),
                Arguments.of("odcs-schema", "    metric: rowCount", "    metric: rowCounts", "metric: rowCounts"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("ruleViolations")
    void reportsRuleWithLocation(String rule, String from, String to, String lineFragment) {
        String text = TestContracts.edit(from, to);
        List<Finding> findings = ContractValidator.validate(text, "contract.yaml");
        assertThat(findings).as(findings.toString()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.file()).isEqualTo("contract.yaml");
            String fragment = lineFragment.endsWith("\n") ? lineFragment.strip() : lineFragment;
            int expectedLine = lineFragment.endsWith("\n") ? lastLineOf(text, fragment) : lineOf(text, fragment.split("\n")[0]);
            assertThat(f.line()).as(f.toString()).isEqualTo(expectedLine);
            assertThat(f.column()).isPositive();
        });
    }

    @Test
    void findingPrintsLikeACompilerMessage() {
        String text = TestContracts.edit("version: 1.2.0", "version: one");
        Finding finding = ContractValidator.validate(text, "c.yaml").getFirst();
        assertThat(finding.toString()).isEqualTo("c.yaml:5:1: error [semver] /version: version 'one' is not a semantic version (MAJOR.MINOR.PATCH)");
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        String text = TestContracts.edit("version: 1.2.0", "version: x").replace("value: ip-prefix", "value: nope")
                .replace("property: kafkaTopic", "property: topic");
        assertThat(ContractValidator.validate(text, "c.yaml")).extracting(Finding::rule)
                .contains("semver", "pii-masking", "custom-property-key");
    }

    @Test
    void partitionedFlagMustAgreeWithPartitioning() {
        String text = TestContracts.edit("        classification: public\n        tags: [dns]", "        classification: public\n        partitioned: true\n        tags: [dns]");
        assertThat(ContractValidator.validate(text, "c.yaml")).extracting(Finding::rule).containsExactly("partition-column");
    }

    @Test
    void nestedObjectsAndArraysAreChecked() {
        String text = TestContracts.edit("      - name: tld\n", String.join("\n",
                "      - name: answers",
                "        logicalType: array",
                "        classification: internal",
                "        items:",
                "          logicalType: object",
                "          properties:",
                "            - name: rdata",
                "              logicalType: string",
                "            - name: ttl",
                "              classification: public",
                "      - name: tld",
                ""));
        List<Finding> findings = ContractValidator.validate(text, "c.yaml");
        assertThat(findings).extracting(Finding::rule).contains("property-classification", "property-type");
    }

    private static int lastLineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(fragment);
    }
}
