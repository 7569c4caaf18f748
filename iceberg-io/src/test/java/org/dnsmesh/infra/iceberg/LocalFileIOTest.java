package org.dnsmesh.infra.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.iceberg.exceptions.AlreadyExistsException;
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

  @Test
  void warehouseFilesAreOwnerOnlyWhateverTheUmask() throws Exception {
    LocalFileIO io = new LocalFileIO();
    Path table = dir.resolve("na/resolver/queries");
    for (String name : new String[] {"metadata/00000.metadata.json", "data/part=1/0001.parquet"}) {
      try (OutputStream stream = io.newOutputFile("file://" + table.resolve(name)).create()) {
        stream.write(1);
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(table.resolve(name)))).isEqualTo("rw-------");
    }
    try (OutputStream stream = io.newOutputFile(table.resolve("metadata/version-hint.text").toString()).createOrOverwrite()) {
      stream.write(2);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(table.resolve("metadata/version-hint.text"))))
        .isEqualTo("rw-------");
    for (Path folder : new Path[] {dir.resolve("na"), table, table.resolve("data/part=1"), table.resolve("metadata")}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
          .isEqualTo("rwx------");
    }
    assertThatThrownBy(() -> io.newOutputFile("file://" + table.resolve("metadata/00000.metadata.json")).create())
        .isInstanceOf(AlreadyExistsException.class);
  }
}
