package org.dnsmesh.governance.compile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.StaticTableClassifications;

/**
 * Command line for the compilers (used by {@code mesh up} and by hand):
 * <pre>
 * PolicyCompilerMain --policy policies/mesh-policy.yaml --tables policies/demo-tables.yaml
 *                    [--trino-rules out/rules.json] [--opa-bundle out/bundle]
 * </pre>
 * No key is needed: keyed pseudonyms are {@code mesh.masking.pseudonym(...)}, whose key only Trino's server holds.
 */
public final class PolicyCompilerMain {
  private static final List<String> OPTIONS = List.of("--policy", "--tables", "--trino-rules", "--opa-bundle");

  private PolicyCompilerMain() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("usage: PolicyCompilerMain --policy FILE --tables FILE [--trino-rules FILE] [--opa-bundle DIR]");
      System.exit(2);
    }
  }

  static void run(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
      }
      options.put(args[i], args[i + 1]);
    }
    String policyFile = require(options, "--policy");
    String tablesFile = require(options, "--tables");
    if (!options.containsKey("--trino-rules") && !options.containsKey("--opa-bundle")) {
      throw new IllegalArgumentException("nothing to do: pass --trino-rules and/or --opa-bundle");
    }
    AccessPolicy policy = PolicyLoader.load(Path.of(policyFile));
    StaticTableClassifications tables = PolicyLoader.loadTables(Path.of(tablesFile));
    MaskExpressions expressions = new MaskExpressions();
    if (options.containsKey("--trino-rules")) {
      TrinoRulesCompiler compiler = new TrinoRulesCompiler(expressions);
      compiler.writeTo(compiler.compile(policy, tables), Path.of(options.get("--trino-rules")));
      compiler.warnings(policy, tables).forEach(w -> System.err.println("warning: " + w));
      System.out.println("wrote Trino rules " + options.get("--trino-rules"));
    }
    if (options.containsKey("--opa-bundle")) {
      new RegoBundleCompiler(expressions).compile(policy, tables).writeTo(Path.of(options.get("--opa-bundle")));
      System.out.println("wrote OPA bundle " + options.get("--opa-bundle"));
    }
  }

  private static String require(Map<String, String> options, String option) {
    String value = options.get(option);
    if (value == null) {
      throw new IllegalArgumentException("missing " + option);
    }
    return value;
  }
}
