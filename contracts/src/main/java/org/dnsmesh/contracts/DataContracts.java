package org.dnsmesh.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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

    private static final ObjectMapper JSON_WRITER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private static final ObjectMapper YAML_WRITER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
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

    /** Writes the contract as YAML. */
    public static String toYaml(DataContract contract) {
        try {
            return YAML_WRITER.writeValueAsString(contract);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write contract as YAML", e);
        }
    }

    /** Writes the contract as JSON. */
    public static String toJson(DataContract contract) {
        try {
            return JSON_WRITER.writeValueAsString(contract);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write contract as JSON", e);
        }
    }

    /** Writes YAML, or JSON when the file name ends in {@code .json}. */
    public static void write(DataContract contract, Path file) {
        String text = file.getFileName().toString().endsWith(".json") ? toJson(contract) : toYaml(contract);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write contract " + file + ": " + e.getMessage(), e);
        }
    }
}
