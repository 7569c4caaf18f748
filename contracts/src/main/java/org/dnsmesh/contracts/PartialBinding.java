package org.dnsmesh.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dnsmesh.contracts.model.DataContract;

/**
 * Binds as much of a document as loads, so project rules can run on a contract with a few schema errors: unknown
 * fields are ignored, and each element that fails to bind (wrong type) is left out and named, up to a limit.
 */
record PartialBinding(Optional<DataContract> contract, List<String> leftOut, String reason) {
    private static final int MAX_LEFT_OUT = 50;

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static PartialBinding of(ContractSource source) {
        JsonNode tree = source.tree().deepCopy();
        if (!tree.isObject()) {
            return new PartialBinding(Optional.empty(), List.of(), "the document is not a mapping");
        }
        List<String> leftOut = new ArrayList<>();
        for (int attempt = 0; attempt <= MAX_LEFT_OUT; attempt++) {
            try {
                return new PartialBinding(Optional.of(LENIENT.treeToValue(tree, DataContract.class)), leftOut, "");
            } catch (JsonMappingException e) {
                String pointer = pointer(e);
                if (pointer.isEmpty() || !remove(tree, pointer)) {
                    return new PartialBinding(Optional.empty(), leftOut, (pointer.isEmpty() ? "" : pointer + ": ")
                            + e.getOriginalMessage());
                }
                leftOut.add(pointer);
            } catch (JsonProcessingException e) {
                return new PartialBinding(Optional.empty(), leftOut, e.getOriginalMessage());
            }
        }
        return new PartialBinding(Optional.empty(), leftOut, "more than " + MAX_LEFT_OUT + " elements do not bind");
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer.append('/').append(reference.getFieldName() != null
                    ? ContractSource.escape(reference.getFieldName()) : String.valueOf(reference.getIndex()));
        }
        return pointer.toString();
    }

    private static boolean remove(JsonNode tree, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = tree.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
            return true;
        }
        if (parent instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
            array.remove(Integer.parseInt(last));
            return true;
        }
        return false;
    }
}
