package org.dnsmesh.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
        // 2019-09 treats "format" as an annotation unless asked: assert it, so date-time, date and uri are checked.
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09,
                builder -> builder.schemaRegistryConfig(config));
    }

    /**
     * Validates a parsed contract; returns every schema violation, located.
     *
     * <p>Unknown keys: with 2019-09's {@code unevaluatedProperties}, one unknown key inside an object that sits in
     * an {@code allOf}/{@code if} branch makes the branch fail, so the validator also calls the object's standard
     * keys ({@code name}, {@code logicalType}, ...) "unevaluated". Only the keys that are really unknown are
     * reported: (1) keys the schema defines nowhere are certain; they are taken out and the document validated
     * again, which also drops the {@code oneOf}/{@code required} errors they caused; (2) where several defined
     * keys of one object are still reported, the one whose removal makes the others valid is the culprit.
     */
    public List<Finding> validate(ContractSource source) {
        JsonNode tree = source.tree();
        List<Error> first = schema.validate(tree);
        Set<String> certain = new LinkedHashSet<>();
        for (Error error : first) {
            if (isUnknownField(error) && !definedNames.contains(error.getProperty())) {
                certain.add(pointer(error));
            }
        }
        JsonNode pruned = certain.isEmpty() ? tree : without(tree, certain);
        Map<Error, String> rewritten = new java.util.HashMap<>();
        List<Error> errors = withoutOneOfBranchNoise(certain.isEmpty() ? first : schema.validate(pruned), rewritten);
        List<String> realErrorPointers = errors.stream().filter(e -> !isUnknownField(e)).map(OdcsSchema::pointer).toList();
        Map<String, Set<String>> unknownByParent = new LinkedHashMap<>();
        for (Error error : errors) {
            if (isUnknownField(error)) {
                String pointer = pointer(error);
                unknownByParent.computeIfAbsent(parent(pointer), k -> new LinkedHashSet<>()).add(pointer);
            }
        }
        Set<String> unknown = new LinkedHashSet<>(certain);
        unknownByParent.forEach((parent, pointers) -> {
            // When something else is wrong at or under this object, the validator's "unevaluated" reports of
            // defined keys there are its side effect: the real error explains them.
            boolean explained = realErrorPointers.stream().anyMatch(p -> p.equals(parent) || p.startsWith(parent + "/"));
            if (explained) {
                pointers.stream().filter(p -> !definedNames.contains(lastKey(p))).forEach(unknown::add);
            } else {
                unknown.addAll(culprits(pruned, parent, pointers));
            }
        });
        Set<String> seen = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (String pointer : unknown) {
            findings.add(source.error("odcs-schema", pointer, "unknown field '" + lastKey(pointer)
                    + "': ODCS v3.1.0 does not define it here (custom data belongs in customProperties)"));
        }
        List<String> realPointers = errors.stream().filter(e -> !isUnknownField(e)).map(OdcsSchema::pointer).toList();
        for (Error error : errors) {
            if (isUnknownField(error)) {
                continue;
            }
            String pointer = pointer(error);
            // A oneOf/anyOf whose matching branch reports a precise error further down (team object with a bad
            // date) also reports "0 are valid" and the other branch's type mismatch here: the deeper error says it.
            boolean branchNoise = ("oneOf".equals(error.getKeyword()) || "anyOf".equals(error.getKeyword())
                    || "type".equals(error.getKeyword()))
                    && realPointers.stream().anyMatch(p -> p.startsWith(pointer + "/"));
            if (branchNoise) {
                continue;
            }
            String message = rewritten.getOrDefault(error, error.getMessage());
            if (seen.add(pointer + "\u0000" + message)) {
                findings.add(source.error("odcs-schema", pointer, message + " (keyword " + error.getKeyword() + ")"));
            }
        }
        return findings;
    }

    private static final java.util.regex.Pattern VALID_COUNT = java.util.regex.Pattern.compile("but (\\d+) are valid");
    private static final java.util.regex.Pattern REQUIRED = java.util.regex.Pattern.compile("required property '(.*)' not found");

    /**
     * A {@code oneOf} reports the failures of every branch it tried, which reads as a list of things to fix when
     * only one is (a quality rule with {@code mustBeBetween: [100]} also got "required property 'mustBe' not
     * found" and six more). Kept: with two or more branches valid, the oneOf error alone (the failing branches are
     * beside the point); with none valid, the branch that reports an error further down (the one the document
     * meant), or, when every branch only misses its required key, one message naming the alternatives.
     */
    private static List<Error> withoutOneOfBranchNoise(List<Error> errors, Map<Error, String> rewritten) {
        Set<Error> drop = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Error oneOf : errors) {
            if (!"oneOf".equals(oneOf.getKeyword())) {
                continue;
            }
            java.util.regex.Matcher count = VALID_COUNT.matcher(oneOf.getMessage());
            if (!count.find()) {
                continue;
            }
            String branchPrefix = oneOf.getEvaluationPath().toString() + "/";
            String at = pointer(oneOf);
            List<Error> branchErrors = errors.stream()
                    .filter(e -> e != oneOf && e.getEvaluationPath().toString().startsWith(branchPrefix)).toList();
            if (branchErrors.isEmpty()) {
                continue;
            }
            if (Integer.parseInt(count.group(1)) > 1) {
                drop.addAll(branchErrors);
                matchedAlternatives(oneOf, branchErrors, branchPrefix).ifPresent(keys -> rewritten.put(oneOf,
                        "has " + keys.size() + " of the alternatives " + String.join(", ", keys)
                                + " where exactly one is allowed: keep one"));
                continue;
            }
            Set<String> meant = new java.util.HashSet<>();
            for (Error e : branchErrors) {
                if (pointer(e).startsWith(at + "/")) {
                    meant.add(branch(e, branchPrefix));
                }
            }
            if (!meant.isEmpty()) {
                branchErrors.stream().filter(e -> !meant.contains(branch(e, branchPrefix))).forEach(drop::add);
            } else if (branchErrors.stream().allMatch(e -> "required".equals(e.getKeyword()) && pointer(e).equals(at)
                    && REQUIRED.matcher(e.getMessage()).matches())) {
                List<String> alternatives = branchErrors.stream().map(e -> {
                    java.util.regex.Matcher m = REQUIRED.matcher(e.getMessage());
                    return m.matches() ? "'" + m.group(1) + "'" : e.getMessage();
                }).distinct().toList();
                drop.addAll(branchErrors);
                rewritten.put(oneOf, "needs exactly one of " + String.join(", ", alternatives));
            }
        }
        return errors.stream().filter(e -> !drop.contains(e)).toList();
    }

    /**
     * The keys that select the branches a document matched more than one of: each matched branch (one without an
     * error) must name its selecting key in {@code required} ({@code mustBe}, {@code mustNotBe}); else empty.
     */
    private static java.util.Optional<List<String>> matchedAlternatives(Error oneOf, List<Error> branchErrors, String branchPrefix) {
        JsonNode branches = oneOf.getSchemaNode();
        if (branches == null || !branches.isArray()) {
            return java.util.Optional.empty();
        }
        Set<String> failing = new java.util.HashSet<>();
        branchErrors.forEach(e -> failing.add(branch(e, branchPrefix)));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            if (failing.contains(String.valueOf(i))) {
                continue;
            }
            JsonNode required = branches.get(i).get("required");
            if (required == null || !required.isArray() || required.isEmpty()) {
                return java.util.Optional.empty();
            }
            required.forEach(key -> keys.add("'" + key.asText() + "'"));
        }
        return keys.size() > 1 ? java.util.Optional.of(keys) : java.util.Optional.empty();
    }

    /** The branch index of a oneOf an error belongs to ({@code .../oneOf/3/required} -> 3). */
    private static String branch(Error error, String branchPrefix) {
        String rest = error.getEvaluationPath().toString().substring(branchPrefix.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** Of several keys of one object reported unknown, those whose removal leaves the rest valid; else all. */
    private Set<String> culprits(JsonNode tree, String parent, Set<String> pointers) {
        if (pointers.size() == 1) {
            return pointers;
        }
        Set<String> culprits = new LinkedHashSet<>();
        for (String candidate : pointers) {
            boolean othersValid = schema.validate(without(tree, Set.of(candidate))).stream()
                    .noneMatch(e -> isUnknownField(e) && parent(pointer(e)).equals(parent));
            if (othersValid) {
                culprits.add(candidate);
            }
        }
        if (culprits.size() > 1) {
            // logicalType selects which keys are allowed (if/then): taking it out "fixes" any key of another type
            // (properties under a string), so it is the culprit only when nothing else is.
            culprits.removeIf(p -> lastKey(p).equals("logicalType"));
        }
        return culprits.isEmpty() ? pointers : culprits;
    }

    /** A copy of {@code tree} without the keys at {@code pointers}. */
    private static JsonNode without(JsonNode tree, Set<String> pointers) {
        JsonNode copy = tree.deepCopy();
        for (String pointer : pointers) {
            JsonNode parent = copy.at(parent(pointer));
            if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                object.remove(lastKey(pointer));
            }
        }
        return copy;
    }

    private static String parent(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static String lastKey(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
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
