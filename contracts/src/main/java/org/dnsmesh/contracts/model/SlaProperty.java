package org.dnsmesh.contracts.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * ODCS {@code slaProperties} item. Properties this project checks: {@code freshness}, {@code latency},
 * {@code retention} (durations: value + unit), {@code completeness}, {@code availability} (percentages).
 */
public record SlaProperty(
        String id,
        String property,
        @JsonInclude(JsonInclude.Include.ALWAYS) Object value,
        Object valueExt,
        String unit,
        String element,
        String driver,
        String description,
        String scheduler,
        String schedule) {}
