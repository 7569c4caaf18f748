package org.dnsmesh.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Layer 1: validation against the official ODCS v3.1.0 JSON Schema (bundled from bitol-io, Apache-2.0) with
 * networknt json-schema-validator. Each error becomes a finding located at the offending element.
 */
public final class OdcsSchema {
    /** Classpath location of the bundled schema. */
    public static final String RESOURCE = "/org/dnsmesh/contracts/odcs/odcs-json-schema-v3.1.0.json";

    private static final OdcsSchema BUNDLED = load();

    private final Schema schema;
    /** Every property name the schema defines anywhere: tells a truly unknown field from a validator side effect. */
    private final Set<String> definedNames;

    private OdcsSchema(Schema schema) {
        this.schema = schema;
        this.definedNames = new java.util.HashSet<>();
        collectNames(schema.getSchemaNode(), definedNames);
    }

    private static void collectNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                properties.fieldNames().forEachRemaining(names::add);
            }
            node.elements().forEachRemaining(child -> collectNames(child, names));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectNames(child, names));
        }
    }

    /** The schema bundled in this jar. */
    public static OdcsSchema bundled() {
        return BUNDLED;
    }

    /** A schema read from a file (the conformance test uses the reference copy in ../shared). */
    public static OdcsSchema fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new OdcsSchema(registry().getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ODCS schema " + file, e);
        }
    }

    private static OdcsSchema load() {
        try (InputStream in = OdcsSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("ODCS schema missing from the classpath: " + RESOURCE);
            }
            return new OdcsSchema(registry().getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled ODCS schema", e);
        }
    }

    private static SchemaRegistry registry() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09);
    }

    /** Validates a parsed contract; returns every schema violation, located. */
    public List<Finding> validate(ContractSource source) {
        List<Error> errors = schema.validate(source.tree());
        List<String> realErrorPointers = errors.stream().filter(e -> !isUnknownField(e)).map(OdcsSchema::pointer).toList();
        Set<String> unknownReported = new java.util.HashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (Error error : errors) {
            String pointer = pointer(error);
            if (isUnknownField(error)) {
                // When a property fails validation, 2019-09 also reports it (and its siblings) as "unevaluated".
                // Keep that only for names the schema does not define at all, or when nothing else is wrong here.
                String parent = pointer.substring(0, pointer.lastIndexOf('/'));
                boolean sideEffect = definedNames.contains(error.getProperty())
                        && realErrorPointers.stream().anyMatch(p -> p.equals(parent) || p.startsWith(parent + "/"));
                if (sideEffect || !unknownReported.add(pointer)) {
                    continue;
                }
                findings.add(source.error("odcs-schema", pointer, "unknown field '" + error.getProperty()
                        + "': ODCS v3.1.0 does not define it here (custom data belongs in customProperties)"));
                continue;
            }
            String message = error.getMessage();
            if (seen.add(pointer + "\u0000" + message)) {
                findings.add(source.error("odcs-schema", pointer, message + " (keyword " + error.getKeyword() + ")"));
            }
        }
        return findings;
    }

    private static boolean isUnknownField(Error error) {
        return error.getProperty() != null
                && ("additionalProperties".equals(error.getKeyword()) || "unevaluatedProperties".equals(error.getKeyword()));
    }

    /** JSON pointer of the element an error is about; for unknown fields, the field itself. */
    private static String pointer(Error error) {
        StringBuilder pointer = new StringBuilder();
        var path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer.append('/').append(element instanceof Integer ? element.toString() : ContractSource.escape(String.valueOf(element)));
        }
        String keyword = error.getKeyword();
        if (error.getProperty() != null
                && ("additionalProperties".equals(keyword) || "unevaluatedProperties".equals(keyword))) {
            pointer.append('/').append(ContractSource.escape(error.getProperty()));
        }
        return pointer.toString();
    }

    /** Whether a tree node is valid (convenience for tests). */
    public boolean isValid(JsonNode tree) {
        return schema.validate(tree).isEmpty();
    }
}
