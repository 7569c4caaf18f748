package org.dnsmesh.contracts.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Finding;
import org.dnsmesh.contracts.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mesh contract lint FILE|DIR...}: both validation layers, every finding with file:line:column. A directory
 * is searched (recursively, skipping {@code target}, {@code .git}, {@code node_modules}) for contracts:
 * {@code *.odcs.yaml|yml|json}, {@code datacontract*.yaml|yml|json}, and other YAML/JSON files whose top level says
 * {@code kind: DataContract}. With {@code --json}, problems with the arguments (missing file, empty directory,
 * unreadable file) are reported in the same JSON array, as findings of rule {@code file}.
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Validate contracts against the official ODCS v3.1.0 JSON Schema and the project rules",
            "(types, classification, masking, SLA values, partition columns, semver, customProperties keys).",
            "A directory argument lints every contract under it."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:errors found", "2:a file is missing or unreadable, or a directory holds no contract"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mesh contract lint datacontract.yaml",
            "  mesh contract lint data-products/",
            "  mesh contract lint --json data-products/*/datacontract.yaml"
        })
public final class LintCommand implements Callable<Integer> {
    private static final Pattern KIND = Pattern.compile("(?m)^(kind\\s*:\\s*[\"']?DataContract|\\s*\"kind\"\\s*:\\s*\"DataContract\")");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Contract files (YAML or JSON), or directories to search for contracts.")
    List<Path> files;

    @Option(names = "--json", description = "Print findings (and file problems, rule 'file') as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ContractValidator validator = ContractValidator.standard();
        List<Finding> findings = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        int linted = 0;
        for (Path argument : files) {
            List<Path> contracts;
            if (Files.isDirectory(argument)) {
                contracts = contractsUnder(argument);
                if (contracts.isEmpty()) {
                    problems.add(problem(argument, "no contract under this directory (*.odcs.yaml, datacontract*.yaml,"
                            + " or YAML/JSON with kind: DataContract)"));
                }
            } else if (Files.isRegularFile(argument)) {
                contracts = List.of(argument);
            } else {
                problems.add(problem(argument, Files.exists(argument) ? "not a regular file" : "no such file or directory"));
                continue;
            }
            for (Path file : contracts) {
                try {
                    findings.addAll(validator.check(file));
                    linted++;
                } catch (UncheckedIOException e) {
                    problems.add(problem(file, "cannot read: " + e.getCause().getMessage()));
                }
            }
        }
        long errors = findings.stream().filter(Finding::isError).count();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode array = mapper.createArrayNode();
            for (Finding finding : concat(problems, findings)) {
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
            problems.forEach(p -> err.println("error: " + p.file() + ": " + p.message()));
            findings.forEach(out::println);
            out.println(linted + " file(s), " + errors + " error(s), " + (findings.size() - errors) + " warning(s)");
        }
        out.flush();
        err.flush();
        if (!problems.isEmpty()) {
            return ExitCodes.CANNOT_RUN;
        }
        return errors > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static Finding problem(Path file, String message) {
        return Finding.error("file", file.toString(), Location.UNKNOWN, "", message);
    }

    private static List<Finding> concat(List<Finding> first, List<Finding> second) {
        List<Finding> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Contracts under {@code directory}, sorted, so output is stable. */
    static List<Path> contractsUnder(Path directory) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(directory) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && isContract(file, attrs.size())) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }

    private static boolean isContract(Path file, long size) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches(".*\\.(ya?ml|json)$")) {
            return false;
        }
        if (name.matches(".*\\.odcs\\.(ya?ml|json)$") || name.matches("datacontract.*\\.(ya?ml|json)$")) {
            return true;
        }
        if (size > DataContracts.MAX_FILE_BYTES) {
            return false;
        }
        try {
            return KIND.matcher(Files.readString(file)).find();
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
