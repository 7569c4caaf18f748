package org.dnsmesh.contracts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.SchemaNormalization;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.model.DataContract;
import org.junit.jupiter.api.Test;

/** Reordering columns is graded: it changes the Avro field order and the writer fingerprint. */
class FieldOrderGradingTest {
    private static final String SCORE = """
              - name: score
                logicalType: number
                physicalType: double
                classification: public
            """.indent(4);
    private static final String LATENCY_HEAD = "      - name: latency_ms\n";

    /** BASE with score moved before latency_ms (same properties, other order). */
    static String reordered(String base) {
        String withoutScore = base.replace(SCORE, "");
        assertThat(withoutScore).isNotEqualTo(base);
        return withoutScore.replace(LATENCY_HEAD, SCORE + LATENCY_HEAD);
    }

    @Test
    void reorderingIsPatchWithAReasonAndChangesTheFingerprint() {
        DataContract before = DataContracts.parse(TestFixture.BASE, "v1.yaml");
        DataContract after = DataContracts.parse(reordered(TestFixture.BASE).replace("version: 1.2.0", "version: 1.2.1"), "v2.yaml");
        // independent check of the premise: Avro's fingerprint of the mapped schema differs
        assertThat(SchemaNormalization.parsingFingerprint64(AvroSchemas.of(after, "events")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(AvroSchemas.of(before, "events")));
        CompatibilityReport report = CompatibilityChecker.diff(before, after);
        assertThat(report.overall()).isEqualTo(ChangeClass.PATCH);
        assertThat(report.changes()).singleElement().satisfies(change -> {
            assertThat(change.rule()).isEqualTo("property-reordered");
            assertThat(change.element()).isEqualTo("schema.events");
            assertThat(change.reason()).contains("latency_ms, score, protocol", "score, latency_ms, protocol", "fingerprint");
        });
        assertThat(report.versionCheck().acceptable()).isTrue();
    }

    @Test
    void reorderingRequiresAVersionBump() {
        DataContract before = DataContracts.parse(TestFixture.BASE, "v1.yaml");
        DataContract same = DataContracts.parse(reordered(TestFixture.BASE), "v2.yaml");
        VersionBumpCheck check = CompatibilityChecker.diff(before, same).versionCheck();
        assertThat(check.acceptable()).isFalse();
        assertThat(check.message()).contains("1.2.0");
    }

    @Test
    void reorderingIsMajorWhenConsumersReadByPosition() {
        String csv = TestFixture.BASE.replace("    schema: base\n", "    schema: base\n  - server: export\n    type: local\n    path: ./out/events.csv\n    format: csv\n");
        assertThat(csv).isNotEqualTo(TestFixture.BASE);
        DataContract before = DataContracts.parse(csv, "v1.yaml");
        DataContract after = DataContracts.parse(reordered(csv).replace("version: 1.2.0", "version: 1.3.0"), "v2.yaml");
        CompatibilityReport report = CompatibilityChecker.diff(before, after);
        assertThat(report.overall()).isEqualTo(ChangeClass.MAJOR);
        assertThat(report.changes()).singleElement().satisfies(change -> {
            assertThat(change.rule()).isEqualTo("property-reordered");
            assertThat(change.reason()).contains("server export", "format csv", "by position");
        });
        assertThat(report.versionCheck().acceptable()).isFalse();
        assertThat(report.versionCheck().message()).contains("2.0.0");
    }

    @Test
    void addingAPropertyInTheMiddleIsNotAReorder() {
        DataContract before = DataContracts.parse(TestFixture.BASE, "v1.yaml");
        DataContract after = DataContracts.parse(TestFixture.edit(LATENCY_HEAD,
                "      - name: asn\n        logicalType: integer\n        classification: public\n" + LATENCY_HEAD)
                .replace("version: 1.2.0", "version: 1.3.0"), "v2.yaml");
        assertThat(CompatibilityChecker.diff(before, after).changes()).extracting(Change::rule).containsExactly("optional-property-added");
    }
}
