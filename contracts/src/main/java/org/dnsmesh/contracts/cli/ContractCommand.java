package org.dnsmesh.contracts.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mesh contract}: lint, diff, Avro and changelog for ODCS data contracts. The {@code mesh} CLI adds this
 * as a subcommand; tests run it with {@code new CommandLine(new ContractCommand()).execute(args)}.
 * Exit codes: 0 ok, 1 findings, 2 could not run.
 */
@Command(
        name = "contract",
        mixinStandardHelpOptions = true,
        description = "Check, compare and convert ODCS v3.1 data contracts.",
        subcommands = {LintCommand.class, DiffCommand.class, AvroCommand.class, ChangelogCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:findings (lint errors, version bump too small, change above --fail-on)", "2:could not run"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mesh contract lint data-products/*/datacontract.yaml",
            "  mesh contract diff v1/datacontract.yaml v2/datacontract.yaml",
            "  mesh contract avro datacontract.yaml --object dns_queries",
            "  mesh contract changelog v1/datacontract.yaml v2/datacontract.yaml --json"
        })
public final class ContractCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.CANNOT_RUN;
    }
}
