package org.dnsmesh.contracts.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * ODCS data-quality rule ({@code quality} item) of type text, library ({@code metric}), sql ({@code query})
 * or custom ({@code engine}/{@code implementation}), with at most one comparison operator ({@code mustBe...}).
 */
public record QualityRule(
        String id,
        String name,
        String description,
        String type,
        String dimension,
        String metric,
        String rule,
        Map<String, Object> arguments,
        String query,
        String engine,
        Object implementation,
        Object mustBe,
        Object mustNotBe,
        BigDecimal mustBeGreaterThan,
        BigDecimal mustBeGreaterOrEqualTo,
        BigDecimal mustBeLessThan,
        BigDecimal mustBeLessOrEqualTo,
        List<BigDecimal> mustBeBetween,
        List<BigDecimal> mustNotBeBetween,
        String unit,
        String severity,
        String businessImpact,
        String method,
        String schedule,
        String scheduler,
        List<String> tags,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {
    public QualityRule {
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        mustBeBetween = Lists.of(mustBeBetween);
        mustNotBeBetween = Lists.of(mustNotBeBetween);
        tags = Lists.of(tags);
        authoritativeDefinitions = Lists.of(authoritativeDefinitions);
        customProperties = Lists.of(customProperties);
    }

    /** Name, else id, else a description of the check: how the diff matches rules across versions. */
    public String key() {
        if (name != null) {
            return name;
        }
        if (id != null) {
            return id;
        }
        return metric != null ? "metric:" + metric : String.valueOf(query != null ? query : description);
    }
}
