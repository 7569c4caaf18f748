package org.dnsmesh.infra.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.iceberg.io.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOTest {
  @TempDir Path dir;

  @Test
  void keepsTheFileSchemeInLocations() throws Exception {
    LocalFileIO io = new LocalFileIO();
    String location = "file://" + dir.resolve("a/b/data.avro");
    OutputFile out = io.newOutputFile(location);
    try (OutputStream stream = out.create()) {
      stream.write(new byte[] {1, 2, 3});
    }
    assertThat(out.location()).isEqualTo(location);
    assertThat(out.toInputFile().location()).isEqualTo(location);
    assertThat(io.newInputFile(location).getLength()).isEqualTo(3);
    io.deleteFile(location);
    assertThat(io.newInputFile(location).exists()).isFalse();
  }

  @Test
  void refusesOtherSchemes() {
    assertThatThrownBy(() -> new LocalFileIO().newInputFile("s3://bucket/x"))
        .hasMessageContaining("Not a local file location");
  }
}
