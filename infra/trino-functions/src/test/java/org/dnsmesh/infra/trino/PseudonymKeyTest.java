package org.dnsmesh.infra.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.spi.TrinoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {
  @Test
  void pseudonymIsTheRfc4231HmacInUppercaseHex() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    PseudonymKey key = new PseudonymKey("Jefe");
    assertThat(key.pseudonym("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843");
  }

  @Test
  void keyIsReadFromThePropertiesFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("trino.properties");
    Files.writeString(file, "keystore-password=x\nmasking-key=Jefe\n");
    assertThat(PseudonymKey.load(file.toString()).pseudonym("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .startsWith("5BDCC146");
  }

  @Test
  void noKeyFileFailsInsteadOfMaskingWithoutAKey(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> PseudonymKey.load(null)).isInstanceOf(TrinoException.class)
        .hasMessageContaining(PseudonymKey.KEY_FILE_SETTING);
    assertThatThrownBy(() -> PseudonymKey.load(dir.resolve("missing").toString())).isInstanceOf(TrinoException.class);
    Path empty = dir.resolve("empty.properties");
    Files.writeString(empty, "keystore-password=secret-value\n");
    assertThatThrownBy(() -> PseudonymKey.load(empty.toString())).isInstanceOf(TrinoException.class)
        .hasMessageContaining("has no masking-key").hasMessageNotContaining("secret-value");
  }
}
