package org.dnsmesh.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a Jackson tree as YAML that {@link YamlTreeReader} reads back to the same tree.
 *
 * <p>Strings are emitted through SnakeYAML with the {@code str} tag, so any string whose plain form would resolve
 * to something else ({@code '9'}, {@code '1_000'}, {@code '1e3'}, {@code 'null'}, {@code 'true'}, {@code ''}) is
 * quoted by the emitter itself: no hand-written list of "number-like" patterns to keep in step with the reader.
 *
 * <p>Given the document the tree was read from ({@code layout}), the output also keeps what the typed model
 * cannot carry: key order, explicit nulls and empty lists the model drops, the deprecated v3.0 {@code team} list
 * form, scalar styles of unchanged values, flow/block style of collections and comments (SnakeYAML keeps block
 * and end-of-line comments; comments inside flow collections are lost).
 */
final class YamlTreeWriter {
    private final Resolver resolver = new Resolver();

    private YamlTreeWriter() {}

    /** YAML for {@code tree}; {@code layoutText} (nullable) is the document to take order, style and comments from. */
    static String write(JsonNode tree, String layoutText) {
        YamlTreeWriter writer = new YamlTreeWriter();
        Node layout = layoutText == null ? null : writer.composeWithComments(layoutText);
        Node root = writer.node(tree, layout, "");
        try {
            return writer.emit(root, layout != null);
        } catch (RuntimeException e) {
            // SnakeYAML's comment support has gaps; a document without comments beats no document.
            return writer.emit(writer.node(tree, layout == null ? null : stripComments(layout), ""), false);
        }
    }

    private Node composeWithComments(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        options.setCodePointLimit(YamlTreeReader.MAX_CODE_POINTS);
        options.setNestingDepthLimit(YamlTreeReader.MAX_DEPTH);
        options.setMaxAliasesForCollections(YamlTreeReader.MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (RuntimeException e) {
            try {
                options.setProcessComments(false);
                return new Yaml(options).compose(new StringReader(text));
            } catch (RuntimeException again) {
                return null; // no usable layout: write in model order
            }
        }
    }

    private String emit(Node root, boolean comments) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        options.setProcessComments(comments);
        options.setExplicitStart(false);
        StringWriter out = new StringWriter();
        new Yaml(options).serialize(root, out);
        return out.toString();
    }

    private Node node(JsonNode value, Node layout, String pointer) {
        return node(value, layout, pointer, false);
    }

    private Node node(JsonNode value, Node layout, String pointer, boolean sequenceItem) {
        if (value.isObject()) {
            return mapping(value, layout instanceof MappingNode m ? m : null, pointer, sequenceItem);
        }
        if (value.isArray()) {
            SequenceNode sequenceLayout = layout instanceof SequenceNode s ? s : null;
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                Node itemLayout = sequenceLayout != null && i < sequenceLayout.getValue().size()
                        ? sequenceLayout.getValue().get(i) : null;
                items.add(node(value.get(i), itemLayout, pointer + "/" + i, true));
            }
            DumperOptions.FlowStyle flow = sequenceLayout != null && sequenceLayout.getFlowStyle() == DumperOptions.FlowStyle.FLOW
                    && items.stream().allMatch(n -> n instanceof ScalarNode) ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK;
            SequenceNode sequence = new SequenceNode(Tag.SEQ, items, flow);
            copyComments(layout, sequence);
            return sequence;
        }
        ScalarNode scalar = scalar(value);
        if (layout instanceof ScalarNode old && YamlTreeReader.scalarValue(old).equals(YamlTreeReader.scalarValue(scalar))) {
            return old; // unchanged value: keep its spelling (1e3, quotes, block style) and comments
        }
        copyComments(layout, scalar);
        return scalar;
    }

    private MappingNode mapping(JsonNode object, MappingNode layout, String pointer, boolean sequenceItem) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        List<NodeTuple> tuples = new ArrayList<>();
        if (layout != null) {
            for (NodeTuple tuple : layout.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                String name = key.getValue();
                String child = pointer + "/" + ContractSource.escape(name);
                JsonNode value = fields.remove(name);
                Node oldValue = tuple.getValueNode();
                if (value == null) {
                    // The model drops explicit nulls and empty collections; they read back the same, so restore them.
                    if (isNullOrEmpty(oldValue)) {
                        tuples.add(tuple);
                    }
                    continue;
                }
                if (value.isObject() && "/team".equals(child) && oldValue instanceof SequenceNode
                        && value.size() == 1 && value.has("members")) {
                    value = value.get("members"); // the deprecated v3.0 list form, kept as written
                }
                if (value.isNull() && !(oldValue instanceof ScalarNode)) {
                    continue;
                }
                tuples.add(new NodeTuple(key, node(value, oldValue, child)));
            }
        }
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            if (field.getValue().isNull() && layout != null) {
                continue; // a null the model writes for a required key the original did not have: keep it absent
            }
            tuples.add(new NodeTuple(new ScalarNode(Tag.STR, field.getKey(), null, null, DumperOptions.ScalarStyle.PLAIN),
                    node(field.getValue(), null, pointer + "/" + ContractSource.escape(field.getKey()))));
        }
        if (sequenceItem && !tuples.isEmpty() && tuples.getFirst().getKeyNode().getBlockComments() != null) {
            // SnakeYAML writes comments of an item's first key after the "-"; a blank line there would not come
            // back, so only real comments stay (as "-" + newline + comment + key, which reads back the same way).
            NodeTuple first = tuples.getFirst();
            ScalarNode key = (ScalarNode) first.getKeyNode();
            ScalarNode copy = new ScalarNode(key.getTag(), key.getValue(), null, null, key.getScalarStyle());
            List<CommentLine> comments = key.getBlockComments().stream()
                    .filter(c -> c.getCommentType() != CommentType.BLANK_LINE).toList();
            copy.setBlockComments(comments.isEmpty() ? null : comments);
            copy.setInLineComments(key.getInLineComments());
            copy.setEndComments(key.getEndComments());
            tuples.set(0, new NodeTuple(copy, first.getValueNode()));
        }
        MappingNode mapping = new MappingNode(Tag.MAP, tuples,
                layout != null && layout.getFlowStyle() == DumperOptions.FlowStyle.FLOW && tuples.stream()
                        .allMatch(t -> t.getValueNode() instanceof ScalarNode)
                        ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
        copyComments(layout, mapping);
        return mapping;
    }

    private ScalarNode scalar(JsonNode value) {
        if (value.isNull()) {
            return new ScalarNode(Tag.NULL, "null", null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value.isBoolean()) {
            return new ScalarNode(Tag.BOOL, value.asText(), null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value.isIntegralNumber()) {
            return new ScalarNode(Tag.INT, value.bigIntegerValue().toString(), null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value.isNumber()) {
            String text = value.isBigDecimal() ? value.decimalValue().toString() : Double.toString(value.doubleValue());
            Tag tag = resolver.resolve(NodeId.scalar, text, true);
            if (!tag.equals(Tag.FLOAT) && !tag.equals(Tag.INT)) {
                throw new IllegalArgumentException("number " + text + " has no plain YAML spelling");
            }
            return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN); // 100 or 100.0, as the model holds it
        }
        String text = value.asText();
        // Plain where the emitter can prove it reads back as this string; it quotes everything else itself.
        DumperOptions.ScalarStyle style = text.indexOf('\n') >= 0 && !text.startsWith(" ") && !hasTrailingSpace(text)
                ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.PLAIN;
        return new ScalarNode(Tag.STR, text, null, null, style);
    }

    private static boolean hasTrailingSpace(String text) {
        for (String line : text.split("\n", -1)) {
            if (line.endsWith(" ") || line.endsWith("\t")) {
                return true;
            }
        }
        return text.contains("\r");
    }

    private static boolean isNullOrEmpty(Node node) {
        return switch (node) {
            case ScalarNode scalar -> YamlTreeReader.scalarValue(scalar).isNull();
            case SequenceNode sequence -> sequence.getValue().isEmpty();
            case MappingNode mapping -> mapping.getValue().isEmpty();
            default -> false;
        };
    }

    private static void copyComments(Node from, Node to) {
        if (from == null) {
            return;
        }
        to.setBlockComments(from.getBlockComments());
        to.setInLineComments(from.getInLineComments());
        to.setEndComments(from.getEndComments());
    }

    private static Node stripComments(Node node) {
        node.setBlockComments(null);
        node.setInLineComments(null);
        node.setEndComments(null);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                stripComments(tuple.getKeyNode());
                stripComments(tuple.getValueNode());
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Iterator<Node> it = sequence.getValue().iterator(); it.hasNext(); ) {
                stripComments(it.next());
            }
        }
        return node;
    }
}
