package org.dnsmesh.contracts.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.contracts.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh contract lint FILE...}: both validation layers, every finding with file:line:column. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Validate contracts against the official ODCS v3.1.0 JSON Schema and the project rules",
            "(types, classification, masking, SLA values, partition columns, semver, customProperties keys)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:errors found", "2:a file is missing or unreadable"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mesh contract lint datacontract.yaml",
            "  mesh contract lint --json data-products/*/datacontract.yaml"
        })
public final class LintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Contract files (YAML or JSON).")
    List<Path> files;

    @Option(names = "--json", description = "Print findings as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ContractValidator validator = ContractValidator.standard();
        List<Finding> findings = new ArrayList<>();
        boolean unreadable = false;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("error: " + file + ": no such file");
                unreadable = true;
                continue;
            }
            try {
                findings.addAll(validator.check(file));
            } catch (UncheckedIOException e) {
                err.println("error: " + e.getMessage());
                unreadable = true;
            }
        }
        long errors = findings.stream().filter(Finding::isError).count();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode array = mapper.createArrayNode();
            for (Finding finding : findings) {
                ObjectNode node = array.addObject();
                node.put("file", finding.file());
                node.put("line", finding.line());
                node.put("column", finding.column());
                node.put("severity", finding.severity().name().toLowerCase(java.util.Locale.ROOT));
                node.put("rule", finding.rule());
                node.put("pointer", finding.pointer());
                node.put("message", finding.message());
            }
            out.println(mapper.writeValueAsString(array));
        } else {
            findings.forEach(out::println);
            out.println(files.size() + " file(s), " + errors + " error(s), " + (findings.size() - errors) + " warning(s)");
        }
        out.flush();
        if (unreadable) {
            return ExitCodes.CANNOT_RUN;
        }
        return errors > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
