package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.dnsmesh.contracts.model.SlaProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Small value parsers: classification order, SLA durations and percentages, partition transforms, semver. */
class ValuesTest {

    @Test
    void classificationsAreOrderedByProtection() {
        assertThat(Classification.PUBLIC.isLessProtectiveThan(Classification.INTERNAL)).isTrue();
        assertThat(Classification.INTERNAL.isLessProtectiveThan(Classification.PSEUDONYMOUS)).isTrue();
        assertThat(Classification.PSEUDONYMOUS.isLessProtectiveThan(Classification.PII)).isTrue();
        assertThat(Classification.PII.isLessProtectiveThan(Classification.PUBLIC)).isFalse();
        assertThat(Classification.parse(" PII ")).contains(Classification.PII);
        assertThat(Classification.parse("confidential")).isEmpty();
    }

    private static SlaProperty sla(String property, Object value, String unit) {
        return new SlaProperty(null, property, value, null, unit, null, null, null, null, null);
    }

    @ParameterizedTest
    @CsvSource({"15, m, PT15M", "2, h, PT2H", "400, d, PT9600H", "1, y, PT8760H", "30, seconds, PT30S"})
    void durationsWithUnits(int value, String unit, String expected) {
        assertThat(SlaValues.duration(sla("freshness", value, unit))).contains(Duration.parse(expected));
    }

    @Test
    void durationsAsText() {
        assertThat(SlaValues.duration(sla("freshness", "PT15M", null))).contains(Duration.ofMinutes(15));
        assertThat(SlaValues.duration(sla("retention", "P400D", null))).contains(Duration.ofDays(400));
        assertThat(SlaValues.duration(sla("latency", "5 min", null))).contains(Duration.ofMinutes(5));
        assertThat(SlaValues.duration(sla("freshness", 15, null))).isEmpty();
        assertThat(SlaValues.duration(sla("freshness", 15, "parsecs"))).isEmpty();
        assertThat(SlaValues.duration(sla("freshness", -1, "m"))).isEmpty();
    }

    @Test
    void percentages() {
        assertThat(SlaValues.percent(sla("completeness", 99.9, "percent"))).contains(new BigDecimal("99.9"));
        assertThat(SlaValues.percent(sla("completeness", "99.5%", null))).contains(new BigDecimal("99.5"));
        assertThat(SlaValues.percent(sla("completeness", 101, "percent"))).isEmpty();
        assertThat(SlaValues.percent(sla("completeness", 0.99, "ratio"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "day(event_ts)|day|event_ts|",
        "region|identity|region|",
        "bucket(16, client_id)|bucket|client_id|16",
        "truncate(4,tld)|truncate|tld|4"
    })
    void partitionTransforms(String text, String transform, String column, Integer parameter) {
        assertThat(PartitionTransform.parse(text)).contains(new PartitionTransform(transform, parameter, column));
    }

    @Test
    void badPartitionTransforms() {
        assertThat(PartitionTransform.parse("week(event_ts)")).isEmpty();
        assertThat(PartitionTransform.parse("bucket(client_id)")).isEmpty();
        assertThat(PartitionTransform.parse("day(16, event_ts)")).isEmpty();
    }

    @Test
    void semanticVersions() {
        assertThat(SemanticVersion.parse("1.2.3-rc.1+build.5")).get().hasToString("1.2.3-rc.1+build.5");
        assertThat(SemanticVersion.parse("01.2.3")).isEmpty();
        assertThat(SemanticVersion.parse("1.2")).isEmpty();
        assertThat(SemanticVersion.parse("1.10.0").orElseThrow()).isGreaterThan(SemanticVersion.parse("1.9.9").orElseThrow());
    }
}
