package org.dnsmesh.contracts.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dnsmesh.contracts.compat.Change;
import org.dnsmesh.contracts.compat.ChangeClass;
import org.dnsmesh.contracts.compat.Changelog;
import org.dnsmesh.contracts.compat.CompatibilityChecker;
import org.dnsmesh.contracts.compat.CompatibilityReport;
import org.dnsmesh.contracts.compat.VersionBumpCheck;
import org.dnsmesh.contracts.model.DataContract;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh contract diff OLD NEW}: every change with class and reason, the overall class and the version verdict. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two versions of a contract. Each change is PATCH (documentation), MINOR (added or stronger",
            "promise) or MAJOR (weaker promise); the new version number must be at least the overall class."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the version bump fits the changes",
            "1:the version bump is too small or goes backwards, or a change reaches --fail-on",
            "2:a contract is missing or unreadable"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mesh contract diff v1.2.0/datacontract.yaml datacontract.yaml",
            "  mesh contract diff --fail-on MAJOR old.yaml new.yaml",
            "  mesh contract diff --json old.yaml new.yaml"
        })
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The published contract.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The proposed contract.")
    Path newFile;

    @Option(names = "--json", description = "Print the report as JSON (same shape as 'changelog --json').")
    boolean json;

    @Option(names = "--fail-on", paramLabel = "CLASS", description = "Also exit 1 when the overall class is at least CLASS (PATCH, MINOR, MAJOR).")
    ChangeClass failOn;

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
        VersionBumpCheck check = report.versionCheck();
        if (json) {
            out.print(Changelog.json(before.get(), after.get(), report));
        } else {
            for (Change change : report.changes()) {
                out.println(change);
            }
            out.println("overall: " + report.overall());
            out.println("version: " + (check.acceptable() ? "ok" : "NOT ACCEPTABLE") + ": " + check.message());
        }
        out.flush();
        boolean failed = !check.acceptable()
                || failOn != null && failOn != ChangeClass.NONE && report.overall().compareTo(failOn) >= 0;
        return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
