package org.dnsmesh.contracts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.dnsmesh.contracts.AvroFingerprint;
import org.dnsmesh.contracts.AvroMappingException;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Fingerprints;
import org.dnsmesh.contracts.Location;
import org.dnsmesh.contracts.model.DataContract;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh contract avro FILE}: the Avro schema of each schema object with its canonical-form fingerprints. */
@Command(
        name = "avro",
        mixinStandardHelpOptions = true,
        description = {
            "Print the Avro schema derived from a contract, with the fingerprints of its Parsing Canonical Form",
            "(CRC-64-AVRO as used by single-object encoding, and SHA-256 as served by the catalog)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:schema printed", "1:the contract cannot be mapped to Avro (see message)", "2:the contract is missing or unreadable"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mesh contract avro datacontract.yaml",
            "  mesh contract avro datacontract.yaml --object dns_queries --schema-only > dns_queries.avsc",
            "  mesh contract avro --json datacontract.yaml"
        })
public final class AvroCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Contract file.")
    Path file;

    @Option(names = "--object", paramLabel = "NAME", description = "Only this schema object (default: all).")
    String objectName;

    @Option(names = "--schema-only", description = "Print only the Avro schema JSON (an .avsc), no fingerprint lines.")
    boolean schemaOnly;

    @Option(names = "--json", description = "Print [{object, crc64, sha256, canonicalForm, identityForm, schema}] as JSON:"
                    + " crc64 is the single-object header fingerprint (little-endian hex), sha256 the schema identity"
                    + " (canonical form plus logical types, precision, scale).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DataContract> contract = ContractFiles.read(file, err);
        if (contract.isEmpty()) {
            return ExitCodes.CANNOT_RUN;
        }
        Map<String, Schema> schemas;
        try {
            if (objectName != null) {
                schemas = new LinkedHashMap<>();
                schemas.put(objectName, AvroSchemas.of(contract.get(), objectName));
            } else {
                schemas = AvroSchemas.all(contract.get());
            }
        } catch (AvroMappingException e) {
            // located like a lint finding: file:line:column of the element that has no Avro mapping
            Location at = DataContracts.source(file).locate(e.pointer());
            err.println(file + ":" + at.line() + ":" + at.column() + ": error [avro-mapping] " + e.pointer() + ": "
                    + e.getMessage());
            return ExitCodes.FINDINGS;
        } catch (IllegalArgumentException | org.apache.avro.SchemaParseException e) {
            err.println("error: " + file + ": " + e.getMessage());
            return ExitCodes.FINDINGS;
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (json) {
            ArrayNode array = mapper.createArrayNode();
            schemas.forEach((name, schema) -> {
                AvroFingerprint fingerprint = Fingerprints.of(schema);
                ObjectNode node = array.addObject();
                node.put("object", name);
                node.put("crc64", fingerprint.crc64Hex());
                node.put("sha256", fingerprint.sha256());
                node.put("canonicalForm", fingerprint.canonicalForm());
                node.put("identityForm", fingerprint.identityForm());
                try {
                    node.set("schema", mapper.readTree(schema.toString()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            out.println(mapper.writeValueAsString(array));
        } else {
            for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
                if (!schemaOnly) {
                    AvroFingerprint fingerprint = Fingerprints.of(entry.getValue());
                    out.println("// object: " + entry.getKey());
                    out.println("// crc64-avro: " + fingerprint.crc64Hex());
                    out.println("// sha256: " + fingerprint.sha256());
                }
                out.println(entry.getValue().toString(true));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
