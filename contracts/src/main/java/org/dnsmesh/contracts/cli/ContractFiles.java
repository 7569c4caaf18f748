package org.dnsmesh.contracts.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dnsmesh.contracts.ContractReadException;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Finding;
import org.dnsmesh.contracts.model.DataContract;

/** Reads a contract for a command, reporting why it could not be read on stderr. */
final class ContractFiles {
    private ContractFiles() {}

    static Optional<DataContract> read(Path file, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            err.println("error: " + file + ": no such file");
            return Optional.empty();
        }
        try {
            return Optional.of(DataContracts.read(file));
        } catch (ContractReadException e) {
            for (Finding finding : e.findings()) {
                err.println(finding);
            }
            err.println("error: " + file + " is not a readable contract; run 'mesh contract lint " + file + "' for every problem");
            return Optional.empty();
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Optional.empty();
        }
    }
}
