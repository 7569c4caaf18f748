package org.dnsmesh.contracts.model;

import java.util.List;
import java.util.Optional;

/** Look-ups over an ODCS {@code customProperties} list. */
public final class CustomProperties {
    private CustomProperties() {}

    /** The first entry named {@code key}, if any. */
    public static Optional<CustomProperty> find(List<CustomProperty> properties, String key) {
        return properties.stream().filter(p -> key.equals(p.property())).findFirst();
    }

    /** The value of {@code key} as text, if present. */
    public static Optional<String> string(List<CustomProperty> properties, String key) {
        return find(properties, key).map(CustomProperty::valueAsString);
    }

    /** The value of {@code key} as a list of strings (empty when absent). */
    public static List<String> strings(List<CustomProperty> properties, String key) {
        return find(properties, key).map(CustomProperty::valueAsStrings).orElse(List.of());
    }
}
