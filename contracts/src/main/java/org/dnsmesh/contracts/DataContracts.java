package org.dnsmesh.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dnsmesh.contracts.model.DataContract;

/**
 * Reads and writes ODCS contracts (YAML or JSON). Reading is strict: syntax errors, wrong value types and
 * unknown fields fail with a {@link ContractReadException} whose findings carry file, line and column.
 * To get every problem instead of the first, use {@link ContractValidator}.
 */
public final class DataContracts {
    /** Largest file read, in bytes: beyond this, reading is refused before parsing. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private static final ObjectMapper BINDER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /**
     * Leaves out what the model holds for absent keys (null, empty list or map) and writes everything else,
     * including empty strings: the old NON_EMPTY inclusion dropped {@code ""}.
     */
    static final class AbsentValue {
        @Override
        public boolean equals(Object value) {
            return value == null
                    || value instanceof java.util.Collection<?> c && c.isEmpty()
                    || value instanceof java.util.Map<?, ?> m && m.isEmpty();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    private static final JsonInclude.Value INCLUSION =
            JsonInclude.Value.construct(JsonInclude.Include.CUSTOM, JsonInclude.Include.ALWAYS, AbsentValue.class, null);

    private static final ObjectMapper JSON_WRITER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPropertyInclusion(INCLUSION)
            .build();

    /** Model -> tree for the YAML writer (same inclusion as JSON). */
    private static final ObjectMapper TREE_WRITER = JsonMapper.builder()
            .defaultPropertyInclusion(INCLUSION)
            // exact: the default factory strips trailing zeros (1000000 -> 1E+6), which would read back as a float
            .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private DataContracts() {}

    /** Reads a contract file (YAML or JSON). */
    public static DataContract read(Path file) {
        return bind(source(file));
    }

    /** Parses contract text; {@code sourceName} names it in findings. */
    public static DataContract parse(String text, String sourceName) {
        return bind(YamlTreeReader.parse(text, sourceName));
    }

    /** Parses a file into a located tree without binding it to the model (what validators work on). */
    public static ContractSource source(Path file) {
        String name = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ContractReadException(List.of(Finding.error("yaml", name, Location.START, "",
                        "file is " + size + " bytes; the limit is " + MAX_FILE_BYTES)));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ContractReadException(List.of(Finding.error("yaml", name, Location.START, "",
                    "file is not valid UTF-8")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract " + name + ": " + e.getMessage(), e);
        }
        return YamlTreeReader.parse(text, name);
    }

    /** Parses text into a located tree. */
    public static ContractSource source(String text, String sourceName) {
        return YamlTreeReader.parse(text, sourceName);
    }

    /** Binds a parsed tree to the model; wrong types and unknown fields fail with located findings. */
    public static DataContract bind(ContractSource source) {
        try {
            return BINDER.treeToValue(source.tree(), DataContract.class);
        } catch (JsonMappingException e) {
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference reference : e.getPath()) {
                pointer.append('/');
                pointer.append(reference.getFieldName() != null
                        ? ContractSource.escape(reference.getFieldName())
                        : String.valueOf(reference.getIndex()));
            }
            throw new ContractReadException(List.of(source.error("model", pointer.toString(), e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new ContractReadException(List.of(source.error("model", "", e.getOriginalMessage())));
        }
    }

    /**
     * Writes the contract as YAML that reads back to an equal model with the same findings: strings that would
     * read as another type ({@code '9'}, {@code '1e3'}, {@code 'null'}) are quoted, required nulls
     * ({@code customProperties[].value}) are kept. Keys follow the model's (the standard's) order.
     */
    public static String toYaml(DataContract contract) {
        return YamlTreeWriter.write(TREE_WRITER.valueToTree(contract), null);
    }

    /**
     * Writes the contract as YAML laid out like {@code original} (the text it was read from, or an earlier
     * version of it): same key order, scalar spellings and styles of unchanged values, explicit nulls and empty
     * lists, the v3.0 {@code team} list form, and comments where SnakeYAML keeps them (block and end-of-line).
     * An unchanged contract comes back with the same tree as {@code original}.
     */
    public static String toYaml(DataContract contract, String original) {
        return YamlTreeWriter.write(TREE_WRITER.valueToTree(contract), original);
    }

    /** Writes the contract as JSON. */
    public static String toJson(DataContract contract) {
        try {
            return JSON_WRITER.writeValueAsString(contract);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write contract as JSON", e);
        }
    }

    /**
     * Writes YAML, or JSON when the file name ends in {@code .json}. Over an existing YAML file, its layout
     * (key order, comments, styles) is kept: see {@link #toYaml(DataContract, String)}.
     */
    public static void write(DataContract contract, Path file) {
        String text;
        if (file.getFileName().toString().endsWith(".json")) {
            text = toJson(contract);
        } else {
            String original = null;
            try {
                if (Files.isRegularFile(file) && Files.size(file) <= MAX_FILE_BYTES) {
                    original = Files.readString(file, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                original = null; // unreadable old file: write in model order
            }
            text = toYaml(contract, original);
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write contract " + file + ": " + e.getMessage(), e);
        }
    }
}
