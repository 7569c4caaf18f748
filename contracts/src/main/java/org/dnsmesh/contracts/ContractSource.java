package org.dnsmesh.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed contract document before binding: its name (file path), the JSON tree and where each node starts
 * (JSON pointer -> line/column). Validators use it to report locations.
 */
public record ContractSource(String name, JsonNode tree, Map<String, Location> locations) {
    public ContractSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tree, "tree");
        locations = Map.copyOf(locations);
    }

    /** Location of the node at {@code pointer}, or of its nearest ancestor that has one. */
    public Location locate(String pointer) {
        String current = pointer;
        while (true) {
            Location location = locations.get(current);
            if (location != null) {
                return location;
            }
            if (current.isEmpty()) {
                return Location.UNKNOWN;
            }
            int slash = current.lastIndexOf('/');
            current = slash <= 0 ? "" : current.substring(0, slash);
        }
    }

    /** A finding located at {@code pointer}. */
    public Finding error(String rule, String pointer, String message) {
        return Finding.error(rule, name, locate(pointer), pointer, message);
    }

    public Finding warning(String rule, String pointer, String message) {
        return Finding.warning(rule, name, locate(pointer), pointer, message);
    }

    /** Escapes a key for use in a JSON pointer (RFC 6901). */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
