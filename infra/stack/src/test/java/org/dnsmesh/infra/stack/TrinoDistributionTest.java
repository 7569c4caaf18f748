package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoDistributionTest {
  @TempDir Path dir;

  @Test
  void corruptDownloadIsReplacedOnceThenRefusedWithTheFix() throws IOException {
    Properties properties = new Properties();
    properties.setProperty("mesh.maven-repository", dir.resolve("repo").toString());
    properties.setProperty("mesh.cache-dir", dir.resolve("cache").toString());
    StackConfig config = StackConfig.fromSources(dir, properties, Map.of());
    AtomicInteger downloads = new AtomicInteger();
    List<String> messages = new ArrayList<>();
    TrinoDistribution[] holder = new TrinoDistribution[1];
    holder[0] = new TrinoDistribution(config, messages::add, () -> {
      downloads.incrementAndGet();
      writeGarbage(holder[0].tarball());
    });
    writeGarbage(holder[0].tarball());

    assertThatThrownBy(holder[0]::ensureInstalled)
        .isInstanceOf(StackException.class)
        .hasMessageContaining("corrupt twice")
        .hasMessageContaining(TrinoDistribution.SHA1);
    assertThat(downloads).hasValue(1);
    assertThat(messages).anySatisfy(m -> assertThat(m).contains("is corrupt").contains("downloading again"));
    assertThat(holder[0].tarball()).doesNotExist();
    assertThat(holder[0].isInstalled()).isFalse();
    assertThat(holder[0].installDir()).doesNotExist();
  }

  private static void writeGarbage(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "not a tarball");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
