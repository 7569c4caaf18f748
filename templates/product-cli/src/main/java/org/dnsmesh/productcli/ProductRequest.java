package org.dnsmesh.productcli;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code mesh product new} generates: domain {@code D} and product name {@code N} (the Maven artifactId and
 * directory), package {@code org.dnsmesh.products.<d>.<n without dashes>}. Checked before any process starts.
 */
public record ProductRequest(String domain, String name) {

  static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9]{0,15}");
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public ProductRequest {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(name, "name");
    if (!DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException("--domain '" + domain + "' must match " + DOMAIN.pattern());
    }
    if (!NAME.matcher(name).matches() || name.length() > 60) {
      throw new IllegalArgumentException("--name '" + name + "' must be lower-case words joined by '-' (max 60)");
    }
  }

  public String javaPackage() {
    return "org.dnsmesh.products." + domain + "." + name.replace("-", "");
  }

  /** Arguments of {@code mvnw archetype:generate} (batch mode) for this product. */
  public List<String> archetypeGenerateArguments(String version) {
    return List.of("-B", "-q", "archetype:generate", "-DinteractiveMode=false",
        "-DarchetypeGroupId=org.dnsmesh", "-DarchetypeArtifactId=product-archetype",
        "-DarchetypeVersion=" + version, "-DgroupId=org.dnsmesh", "-DartifactId=" + name,
        "-Dversion=" + version, "-DparentVersion=" + version, "-Dpackage=" + javaPackage(), "-Ddomain=" + domain);
  }

  /** {@code parentPom} with {@code <module>name</module>} added (unchanged when already listed). */
  public String withModule(String parentPom) {
    String module = "<module>" + name + "</module>";
    if (parentPom.contains(module)) {
      return parentPom;
    }
    int end = parentPom.indexOf("</modules>");
    if (end < 0) {
      throw new IllegalArgumentException("parent pom has no <modules> element to add " + name + " to");
    }
    return parentPom.substring(0, end) + "  " + module + "\n  " + parentPom.substring(end);
  }
}
