package org.dnsmesh.quality.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.dnsmesh.quality.contract.ContractView;

/** Targets from a JSON file ({@link ContractViewJson}), re-read each cycle so edits apply without restart. */
public final class JsonFileTargetSource implements TargetSource {
  private final Path file;

  public JsonFileTargetSource(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public List<ContractView> targets() throws IOException {
    return ContractViewJson.readAll(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }
}
