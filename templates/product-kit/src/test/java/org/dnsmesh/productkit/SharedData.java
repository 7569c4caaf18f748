package org.dnsmesh.productkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test data from {@code ../shared/data} beside the repository root; tests skip visibly when it is absent. */
public final class SharedData {

  public static final String WRCCDC_ZEEK_DNS = "wrccdc2018_zeek_dns.log";

  private SharedData() {}

  /** The file, or a skipped test (with the path in the message) when the shared data folder is not there. */
  public static Path require(String name) {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Path file = root == null ? Path.of("../shared/data", name) : root.resolve("../shared/data").resolve(name).normalize();
    assumeTrue(Files.isReadable(file), "SKIPPED: shared test data not present at " + file);
    return file;
  }
}
