package org.dnsmesh.contracts.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One ODCS {@code customProperties} entry. The keys this project defines are listed in
 * {@link org.dnsmesh.contracts.CustomPropertyKeys}; {@code value} is any YAML value (string, number, list, map).
 */
public record CustomProperty(String id, String property, @JsonInclude(JsonInclude.Include.ALWAYS) Object value, String description) {

    /** The value as text, or null when absent. */
    public String valueAsString() {
        return value == null ? null : String.valueOf(value);
    }

    /** The value as a list of strings: a YAML list, or a single value as a one-element list. */
    public List<String> valueAsStrings() {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
