package org.dnsmesh.contracts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dnsmesh.contracts.compat.ChangeClass.MAJOR;
import static org.dnsmesh.contracts.compat.ChangeClass.MINOR;
import static org.dnsmesh.contracts.compat.ChangeClass.PATCH;

import java.util.stream.Stream;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.model.DataContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven compatibility cases. Each edits the base fixture (one YAML replacement) and asserts the overall
 * class, the rule that fired and a fragment of the reason.
 */
class CompatibilityCheckerTest {

    private static Arguments c(String name, String from, String to, ChangeClass expected, String rule, String reason) {
        return Arguments.of(name, from, to, expected, rule, reason);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // ---- PATCH: documentation
                c("contract description", "purpose: Test contract.", "purpose: Test contract for DNS.", PATCH, "description-changed", "description"),
                c("tags on a property", "tags: [dns]", "tags: [dns, tld]", PATCH, "tags-changed", "tags"),
                c("support channel", "channel: \"#dns\"", "channel: \"#dns-help\"", PATCH, "support-changed", "support"),
                c("examples", "examples: [com]", "examples: [net]", PATCH, "examples-changed", "examples"),
                c("property description", "description: Event id.", "description: Event identifier.", PATCH, "description-changed", "description"),
                c("team", "name: dns-team", "name: dns-core", PATCH, "team-changed", "team"),
                c("status", "status: active", "status: deprecated", PATCH, "status-changed", "deprecated"),
                c("object description", "description: Events.", "description: All events.", PATCH, "description-changed", "description"),
                c("authoritative definition", "status: active\n", "status: active\nauthoritativeDefinitions:\n  - url: https://dns.example/glossary\n    type: businessDefinition\n",
                        PATCH, "authoritative-definitions-changed", "authoritative"),
                c("sort order", "        value: dns.base.raw\n", "        value: dns.base.raw\n      - property: sortOrder\n        value: [\"event_ts asc\"]\n",
                        PATCH, "sort-order-changed", "layout only"),
                c("quality rule description", "        mustBeGreaterThan: 100\n", "        mustBeGreaterThan: 100\n        description: at least 100 rows\n",
                        PATCH, "quality-rule-documentation-changed", "description"),
                c("role description", "    access: read\n", "    access: read\n    description: analysts\n", PATCH, "role-documentation-changed", "dns_analyst"),
                c("enum reordered", "value: [udp, tcp, doh]", "value: [tcp, udp, doh]", PATCH, "enum-reordered", "reordered"),
                c("steward custom property", "status: active\n", "status: active\ncustomProperties:\n  - property: steward\n    value: privacy-office\n",
                        PATCH, "custom-property-changed", "steward"),

                // ---- MINOR: added or stronger promise
                c("optional property added", "      - name: tld\n", "      - name: asn\n        logicalType: integer\n        classification: public\n      - name: tld\n",
                        MINOR, "optional-property-added", "asn"),
                c("optional -> required", "        classification: pseudonymous\n", "        classification: pseudonymous\n        required: true\n",
                        MINOR, "required-added", "optional -> required"),
                c("unique added", "        classification: internal\n        logicalTypeOptions:", "        classification: internal\n        unique: true\n        logicalTypeOptions:",
                        MINOR, "unique-added", "unique"),
                c("integer range narrowed", "          format: i32\n", "          format: i16\n", MINOR, "constraint-tightened", "i32 -> i16"),
                c("integer signedness changed", "          format: i32\n", "          format: u16\n", MAJOR, "constraint-changed", "signedness"),
                c("maxLength lowered", "maxLength: 253", "maxLength: 200", MINOR, "constraint-tightened", "maxLength"),
                c("minimum raised", "minimum: 0", "minimum: 1", MINOR, "constraint-tightened", "minimum"),
                c("pattern added", "          minLength: 1\n", "          minLength: 1\n          pattern: \"^[a-z0-9.-]+$\"\n", MINOR, "constraint-tightened", "pattern"),
                c("freshness tightened", "    value: 15\n    unit: m", "    value: 10\n    unit: m", MINOR, "sla-tightened", "freshness"),
                c("freshness same in other unit", "    value: 15\n    unit: m", "    value: 600\n    unit: s", MINOR, "sla-tightened", "600 s"),
                c("completeness tightened", "value: 99.5", "value: 99.9", MINOR, "sla-tightened", "completeness"),
                c("retention extended", "value: 400", "value: 500", MINOR, "sla-tightened", "retention"),
                c("SLA added", "slaProperties:\n", "slaProperties:\n  - property: availability\n    value: 99.9\n    unit: percent\n", MINOR, "sla-added", "availability"),
                c("quality rule added", "    quality:\n", "    quality:\n      - name: no_null_ids\n        type: library\n        metric: nullValues\n        mustBe: 0\n",
                        MINOR, "quality-rule-added", "no_null_ids"),
                c("quality threshold raised", "mustBeGreaterThan: 100", "mustBeGreaterThan: 200", MINOR, "quality-rule-tightened", "> 200"),
                c("object added", "schema:\n", "schema:\n  - name: resolvers\n    properties:\n      - name: host\n        logicalType: string\n        classification: internal\n",
                        MINOR, "object-added", "resolvers"),
                c("classification more protective", "        classification: internal\n        logicalTypeOptions:", "        classification: pseudonymous\n        logicalTypeOptions:",
                        MINOR, "classification-more-protective", "more protective"),
                c("double narrowed to float", "        physicalType: double\n", "        physicalType: double\n        logicalTypeOptions:\n          format: f32\n",
                        MINOR, "type-narrowed", "old readers can still read"),
                c("number narrowed to integer", "        logicalType: number\n", "        logicalType: integer\n", MINOR, "type-narrowed", "integer"),
                c("role added", "roles:\n", "roles:\n  - role: dns_security\n    access: read\n", MINOR, "role-added", "dns_security"),
                c("server added", "servers:\n", "servers:\n  - server: kafka\n    type: kafka\n    host: localhost:9092\n", MINOR, "server-added", "kafka"),

                // ---- MAJOR: weaker or different promise
                c("property removed", "      - name: tld\n        logicalType: string\n        physicalType: varchar\n        classification: public\n        tags: [dns]\n        examples: [com]\n",
                        "", MAJOR, "property-removed", "tld"),
                c("property renamed", "      - name: tld\n", "      - name: top_level_domain\n", MAJOR, "property-renamed", "tld to top_level_domain"),
                c("required property added", "      - name: tld\n", "      - name: asn\n        logicalType: integer\n        required: true\n        classification: public\n      - name: tld\n",
                        MAJOR, "required-property-added", "asn"),
                c("required -> optional", "        required: true\n        classification: internal\n        logicalTypeOptions:",
                        "        required: false\n        classification: internal\n        logicalTypeOptions:", MAJOR, "required-removed", "may now be null"),
                c("string -> integer", "      - name: tld\n        logicalType: string\n", "      - name: tld\n        logicalType: integer\n", MAJOR, "type-changed", "old readers cannot read"),
                c("int widened to long", "          format: i32\n", "          format: i64\n", MAJOR, "type-changed", "int"),
                c("integer -> number", "      - name: latency_ms\n        logicalType: integer\n", "      - name: latency_ms\n        logicalType: number\n",
                        MAJOR, "type-changed", "double"),
                c("timestamp loses time zone", "      - name: event_ts\n        logicalType: timestamp\n",
                        "      - name: event_ts\n        logicalType: timestamp\n        logicalTypeOptions:\n          timezone: false\n", MAJOR, "type-changed", "meaning"),
                c("string becomes enum", "          minLength: 1\n", "          minLength: 1\n        customProperties:\n          - property: enumSymbols\n            value: [a, b]\n",
                        MAJOR, "type-changed", "enum"),
                c("unique removed", "        unique: true\n", "        unique: false\n", MAJOR, "unique-removed", "duplicates"),
                c("maxLength raised", "maxLength: 253", "maxLength: 300", MAJOR, "constraint-loosened", "maxLength"),
                c("minimum removed", "          minimum: 0\n", "", MAJOR, "constraint-loosened", "minimum"),
                c("pattern changed", "          minLength: 1\n", "          minLength: 1\n          pattern: a\n", MINOR, "constraint-tightened", "pattern"),
                c("freshness loosened", "    value: 15\n    unit: m", "    value: 1\n    unit: h", MAJOR, "sla-loosened", "freshness"),
                c("completeness loosened", "value: 99.5", "value: 99", MAJOR, "sla-loosened", "completeness"),
                c("retention shortened", "value: 400", "value: 90", MAJOR, "retention-shortened", "retention"),
                c("SLA removed", "  - property: freshness\n    value: 15\n    unit: m\n", "", MAJOR, "sla-removed", "freshness"),
                c("enum value added", "value: [udp, tcp, doh]", "value: [udp, tcp, doh, doq]", MAJOR, "enum-symbol-added", "doq"),
                c("enum value removed", "value: [udp, tcp, doh]", "value: [udp, tcp]", MAJOR, "enum-symbol-removed", "doh"),
                c("classification less protective", "        classification: pii\n", "        classification: internal\n", MAJOR, "classification-less-protective", "pii"),
                c("primary key changed", "        primaryKey: true\n        primaryKeyPosition: 1\n", "", MAJOR, "primary-key-changed", "primary key"),
                c("partitioning changed", "value: [\"day(event_ts)\"]", "value: [\"hour(event_ts)\"]", MAJOR, "partitioning-changed", "partition"),
                c("quality rule removed", "      - name: row_count\n        type: library\n        metric: rowCount\n        mustBeGreaterThan: 100\n", "",
                        MAJOR, "quality-rule-removed", "row_count"),
                c("quality threshold lowered", "mustBeGreaterThan: 100", "mustBeGreaterThan: 50", MAJOR, "quality-rule-loosened", "> 50"),
                c("object renamed", "  - name: events\n", "  - name: query_events\n", MAJOR, "object-removed", "events"),
                c("kafka topic changed", "value: dns.base.raw", "value: dns.base.v2", MAJOR, "kafka-changed", "topic"),
                c("sampling declared", "        value: dns.base.raw\n", "        value: dns.base.raw\n      - property: sampling\n"
                        + "        value: {rate: 0.1, rateColumn: score}\n", MAJOR, "sampling-changed", "1 / the rate column"),
                c("masking rule changed", "value: ip-prefix", "value: redact", MAJOR, "masking-changed", "masked readers"),
                c("physical name changed", "    physicalName: events\n", "    physicalName: events_v2\n", MAJOR, "physical-name-changed", "events_v2"),
                c("server host changed", "    host: localhost\n", "    host: trino.internal\n", MAJOR, "server-changed", "trino"),
                c("role removed", "  - role: dns_analyst\n    access: read\n", "", MAJOR, "role-removed", "dns_analyst"),
                c("contract id changed", "id: base-contract", "id: other-contract", MAJOR, "identity-changed", "id"),
                c("quality rule redefined", "metric: rowCount", "metric: duplicateValues", MAJOR, "quality-rule-changed", "cannot prove"),
                c("physical type changed", "        physicalType: double\n", "        physicalType: real\n", MAJOR, "physical-type-changed", "real"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesChange(String name, String from, String to, ChangeClass expected, String rule, String reason) {
        DataContract before = DataContracts.parse(TestFixture.BASE, "old.yaml");
        DataContract after = DataContracts.parse(TestFixture.edit(from, to), "new.yaml");
        CompatibilityReport report = CompatibilityChecker.diff(before, after);
        assertThat(report.overall()).as(report.changes().toString()).isEqualTo(expected);
        assertThat(report.changes()).as(report.changes().toString()).anySatisfy(change -> {
            assertThat(change.rule()).isEqualTo(rule);
            assertThat(change.changeClass()).isEqualTo(expected);
            assertThat(change.reason()).contains(reason);
        });
    }

    @Test
    void atLeastFortyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void identicalContractsHaveNoChanges() {
        DataContract contract = DataContracts.parse(TestFixture.BASE, "a.yaml");
        CompatibilityReport report = CompatibilityChecker.diff(contract, contract);
        assertThat(report.changes()).isEmpty();
        assertThat(report.overall()).isEqualTo(ChangeClass.NONE);
    }

    @Test
    void aContractWithANamelessPropertyHasNoChangesAgainstItself() {
        // bitol-io's negative test schema-property-missing-name: lint reports the missing name; the diff of the
        // contract with itself (a round trip) must not call the nameless property "renamed from null to null"
        DataContract contract = DataContracts.parse(TestFixture.edit("      - name: tld\n", "      - description: no name\n"), "a.yaml");
        assertThat(contract.schema().getFirst().properties()).anyMatch(p -> p.name() == null);
        CompatibilityReport report = CompatibilityChecker.diff(contract, contract);
        assertThat(report.changes()).isEmpty();
        assertThat(report.overall()).isEqualTo(ChangeClass.NONE);
    }

    @Test
    void versionBumpIsCheckedAgainstTheComputedClass() {
        DataContract before = DataContracts.parse(TestFixture.BASE, "old.yaml");
        DataContract patchBump = DataContracts.parse(TestFixture.edit("value: [udp, tcp, doh]", "value: [udp, tcp]")
                .replace("version: 1.2.0", "version: 1.2.1"), "new.yaml");
        VersionBumpCheck check = CompatibilityChecker.diff(before, patchBump).versionCheck();
        assertThat(check.acceptable()).isFalse();
        assertThat(check.message()).contains("propose at least 2.0.0");

        DataContract majorBump = DataContracts.parse(TestFixture.edit("value: [udp, tcp, doh]", "value: [udp, tcp]")
                .replace("version: 1.2.0", "version: 2.0.0"), "new.yaml");
        assertThat(CompatibilityChecker.diff(before, majorBump).versionCheck().acceptable()).isTrue();
    }
}
