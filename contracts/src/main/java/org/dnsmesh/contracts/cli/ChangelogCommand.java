package org.dnsmesh.contracts.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dnsmesh.contracts.compat.Changelog;
import org.dnsmesh.contracts.compat.CompatibilityChecker;
import org.dnsmesh.contracts.compat.CompatibilityReport;
import org.dnsmesh.contracts.model.DataContract;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh contract changelog OLD NEW}: the changes as a Markdown changelog, or JSON with {@code --json}. */
@Command(
        name = "changelog",
        mixinStandardHelpOptions = true,
        description = "Print the changelog between two versions of a contract (Markdown, or JSON for machines).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:changelog printed, version bump fits", "1:changelog printed, version bump too small", "2:a contract is missing or unreadable"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mesh contract changelog v1/datacontract.yaml v2/datacontract.yaml > CHANGELOG-2.0.0.md",
            "  mesh contract changelog --json old.yaml new.yaml"
        })
public final class ChangelogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The published contract.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The proposed contract.")
    Path newFile;

    @Option(names = "--json", description = "Print JSON instead of Markdown.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DataContract> before = ContractFiles.read(oldFile, err);
        Optional<DataContract> after = ContractFiles.read(newFile, err);
        if (before.isEmpty() || after.isEmpty()) {
            return ExitCodes.CANNOT_RUN;
        }
        CompatibilityReport report = CompatibilityChecker.diff(before.get(), after.get());
        out.print(json ? Changelog.json(before.get(), after.get(), report) : Changelog.markdown(before.get(), after.get(), report));
        out.flush();
        return report.versionCheck().acceptable() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
