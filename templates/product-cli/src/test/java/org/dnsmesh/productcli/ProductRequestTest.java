package org.dnsmesh.productcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProductRequestTest {

  @Test
  void packageAndArchetypeArguments() {
    ProductRequest request = new ProductRequest("na", "na-dns-stats");
    assertThat(request.javaPackage()).isEqualTo("org.dnsmesh.products.na.nadnsstats");
    assertThat(request.archetypeGenerateArguments("0.1.0-SNAPSHOT")).contains("archetype:generate",
        "-DinteractiveMode=false", "-DartifactId=na-dns-stats", "-Ddomain=na",
        "-Dpackage=org.dnsmesh.products.na.nadnsstats", "-DarchetypeArtifactId=product-archetype");
  }

  @Test
  void badNamesAreRefusedWithTheOption() {
    assertThatThrownBy(() -> new ProductRequest("NA", "x")).hasMessageContaining("--domain 'NA'");
    assertThatThrownBy(() -> new ProductRequest("na", "Bad_Name")).hasMessageContaining("--name 'Bad_Name'");
    assertThatThrownBy(() -> new ProductRequest("na", "../x")).hasMessageContaining("--name");
  }

  @Test
  void moduleIsAddedOnce() {
    String pom = "<project>\n  <modules>\n    <module>a</module>\n  </modules>\n</project>\n";
    ProductRequest request = new ProductRequest("eu", "eu-zones");
    String once = request.withModule(pom);
    assertThat(once).contains("<module>a</module>").contains("<module>eu-zones</module>");
    assertThat(request.withModule(once)).isEqualTo(once);
    assertThatThrownBy(() -> request.withModule("<project/>")).hasMessageContaining("no <modules>");
  }

  @Test
  void commandRefusesADirectoryThatIsNotAProductsDirectory(@TempDir Path empty) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured));
    try {
      int code = new CommandLine(new ProductCommand()).execute("new", "--domain", "na", "--name", "x-y",
          "--dir", empty.toString());
      assertThat(code).isEqualTo(1);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString()).contains("is not a products directory");
  }
}
