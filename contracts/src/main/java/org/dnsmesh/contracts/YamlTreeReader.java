package org.dnsmesh.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML (and JSON, a YAML subset) into a Jackson tree while recording where every node starts, within
 * fixed limits so hostile input fails fast with a clear message instead of exhausting time or memory.
 *
 * <p>We compose with SnakeYAML instead of letting Jackson parse because SnakeYAML's node marks give the
 * line/column of every element, which the schema validator's JSON pointers are mapped back to. Scalars are
 * typed like YAML 1.2's core schema: only {@code true}/{@code false} are booleans (not {@code yes}/{@code on}),
 * timestamps stay strings.
 */
final class YamlTreeReader {
    /** Largest document accepted, in code points (contracts are a few KB; 4 Mi leaves ample room). */
    static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    /** Deepest nesting of collections accepted (ODCS contracts nest well under 20). */
    static final int MAX_DEPTH = 64;
    /** Most aliases to collections: bounds "billion laughs" expansion together with {@link #MAX_NODES}. */
    static final int MAX_COLLECTION_ALIASES = 20;
    /** Most nodes after alias expansion. */
    static final int MAX_NODES = 500_000;

    private final String sourceName;
    private final Map<String, Location> locations = new HashMap<>();
    private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
    private int nodes;

    private YamlTreeReader(String sourceName) {
        this.sourceName = sourceName;
    }

    /** Parses {@code text}; throws {@link ContractReadException} with a located finding on any problem. */
    static ContractSource parse(String text, String sourceName) {
        // Checked before parsing so an oversized document costs nothing; SnakeYAML's own limit is the backstop.
        if (text.length() > MAX_CODE_POINTS) {
            throw failure(sourceName, Location.START, "document is " + text.length()
                    + " characters; the limit is " + MAX_CODE_POINTS);
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? e.getContext() + ": " : "";
            throw failure(sourceName, toLocation(mark), "YAML syntax error: " + context + problem);
        } catch (YAMLException e) {
            throw failure(sourceName, Location.START, "YAML rejected: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            throw failure(sourceName, Location.START, "YAML rejected: nesting too deep");
        }
        if (root == null) {
            throw failure(sourceName, new Location(1, 1), "document is empty");
        }
        YamlTreeReader reader = new YamlTreeReader(sourceName);
        JsonNode tree = reader.convert(root, "", 0);
        reader.locations.putIfAbsent("", toLocation(root.getStartMark()));
        return new ContractSource(sourceName, tree, reader.locations);
    }

    private JsonNode convert(Node node, String pointer, int depth) {
        if (++nodes > MAX_NODES) {
            throw failure(sourceName, toLocation(node.getStartMark()),
                    "document expands to more than " + MAX_NODES + " nodes (aliases?); refusing to read it");
        }
        if (depth > MAX_DEPTH) {
            throw failure(sourceName, toLocation(node.getStartMark()), "nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (onPath.containsKey(node)) {
            throw failure(sourceName, toLocation(node.getStartMark()), "recursive alias: a node contains itself");
        }
        return switch (node) {
            case ScalarNode scalar -> scalarValue(scalar);
            case SequenceNode sequence -> {
                onPath.put(node, Boolean.TRUE);
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    String child = pointer + "/" + i;
                    locations.put(child, toLocation(items.get(i).getStartMark()));
                    array.add(convert(items.get(i), child, depth + 1));
                }
                onPath.remove(node);
                yield array;
            }
            case MappingNode mapping -> {
                onPath.put(node, Boolean.TRUE);
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                for (NodeTuple tuple : mapping.getValue()) {
                    Node keyNode = tuple.getKeyNode();
                    if (!(keyNode instanceof ScalarNode keyScalar)) {
                        throw failure(sourceName, toLocation(keyNode.getStartMark()), "mapping keys must be plain scalars");
                    }
                    String key = keyScalar.getValue();
                    if (object.has(key)) {
                        throw failure(sourceName, toLocation(keyNode.getStartMark()), "duplicate key '" + key + "'");
                    }
                    String child = pointer + "/" + ContractSource.escape(key);
                    locations.put(child, toLocation(keyNode.getStartMark()));
                    object.set(key, convert(tuple.getValueNode(), child, depth + 1));
                }
                onPath.remove(node);
                yield object;
            }
            default -> throw failure(sourceName, toLocation(node.getStartMark()), "unsupported YAML node " + node.getNodeId());
        };
    }

    /** The typed value of a scalar, as this reader types it (the writer checks its output against this). */
    static JsonNode scalarValue(ScalarNode scalar) {
        String text = scalar.getValue();
        if (!scalar.isPlain()) {
            return JsonNodeFactory.instance.textNode(text);
        }
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return JsonNodeFactory.instance.booleanNode(lower.equals("true"));
            }
            return JsonNodeFactory.instance.textNode(text);
        }
        if (Tag.INT.equals(tag)) {
            String digits = text.replace("_", "");
            if (digits.matches("[-+]?[0-9]+")) {
                BigInteger value = new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
                return value.bitLength() < 64
                        ? JsonNodeFactory.instance.numberNode(value.longValue())
                        : JsonNodeFactory.instance.numberNode(value);
            }
            return JsonNodeFactory.instance.textNode(text);
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                double value = Double.parseDouble(text.replace("_", ""));
                if (!Double.isInfinite(value) && !Double.isNaN(value)) {
                    return JsonNodeFactory.instance.numberNode(value);
                }
            } catch (NumberFormatException e) {
                // .inf, .nan and sexagesimal forms stay text
            }
            return JsonNodeFactory.instance.textNode(text);
        }
        return JsonNodeFactory.instance.textNode(text);
    }

    private static Location toLocation(Mark mark) {
        return mark == null ? Location.START : new Location(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static ContractReadException failure(String sourceName, Location location, String message) {
        return new ContractReadException(List.of(Finding.error("yaml", sourceName, location, "", message)));
    }
}
