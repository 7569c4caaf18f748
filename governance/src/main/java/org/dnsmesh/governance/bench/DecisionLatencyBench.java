package org.dnsmesh.governance.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.decision.TrinoOpaAdapter;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.StaticTableClassifications;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableRef;

/**
 * Latency of embedded decisions (goal: p99 <= 20 us), uncached, one call per sample timed with nanoTime.
 * Not a test: run it by hand (see governance/README.md); prints a table and writes JSON.
 * <pre>
 * DecisionLatencyBench [--policy FILE] [--tables FILE] [--samples N] [--warmup N] [--out FILE]
 * </pre>
 */
public final class DecisionLatencyBench {
  private static final long GOAL_P99_NANOS = 20_000;

  private DecisionLatencyBench() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    Path policyFile = Path.of(options.getOrDefault("--policy", locate("policies/mesh-policy.yaml")));
    Path tablesFile = Path.of(options.getOrDefault("--tables", locate("policies/demo-tables.yaml")));
    int samples = Integer.parseInt(options.getOrDefault("--samples", "200000"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "200000"));
    Path out = Path.of(options.getOrDefault("--out", "target/bench/decision-latency.json"));

    AccessPolicy policy = PolicyLoader.load(policyFile);
    StaticTableClassifications tables = PolicyLoader.loadTables(tablesFile);
    PolicyDecisionPoint decisions = new EmbeddedPolicyDecisionPoint(policy, tables, new MaskExpressions("bench-key"));
    TrinoOpaAdapter trino = new TrinoOpaAdapter(decisions);
    ObjectMapper json = new ObjectMapper();

    List<PrincipalName> principals = new ArrayList<>(policy.principals().stream().map(Principal::name).toList());
    principals.add(PrincipalName.of("mallory")); // unknown principals are part of real traffic
    List<TableRef> tableRefs = tables.all().stream().map(TableClassification::table).toList();
    Operation[] operations = Operation.policyOperations().toArray(Operation[]::new);
    List<ObjectNode> trinoInputs = new ArrayList<>();
    for (PrincipalName principal : principals) {
      for (TableRef table : tableRefs) {
        ObjectNode input = json.createObjectNode();
        input.putObject("context").putObject("identity").put("user", principal.value());
        ObjectNode resource = input.putObject("action").put("operation", "SelectFromColumns").putObject("resource").putObject("table");
        resource.put("catalogName", table.domain()).put("schemaName", table.product()).put("tableName", table.table());
        trinoInputs.add(input);
      }
    }

    Map<String, IntConsumer> workloads = new LinkedHashMap<>();
    workloads.put("authorize (operation on table/product/mesh)", i -> {
      PrincipalName principal = principals.get(i % principals.size());
      TableRef table = tableRefs.get((i / principals.size()) % tableRefs.size());
      Operation operation = operations[(i / 7) % operations.length];
      ResourceRef resource = switch (operation.levels().iterator().next()) {
        case MESH -> ResourceRef.mesh();
        case DOMAIN -> ResourceRef.domain(table.domain());
        case PRODUCT -> ResourceRef.product(table.domain(), table.product());
        case TABLE -> table.toResource();
      };
      consume(decisions.authorize(principal, operation, resource).allowed());
    });
    workloads.put("tableAccess (privileges + masks + row filters)", i -> {
      PrincipalName principal = principals.get(i % principals.size());
      TableRef table = tableRefs.get((i / principals.size()) % tableRefs.size());
      consume(decisions.tableAccess(principal, table).columnMasks().size() > 0);
    });
    workloads.put("trino allow SelectFromColumns (JSON input)", i -> consume(trino.allow(trinoInputs.get(i % trinoInputs.size()))));

    ObjectNode report = json.createObjectNode();
    report.put("benchmark", "embedded decision latency");
    report.put("timestamp", Instant.now().toString());
    report.put("java", System.getProperty("java.version"));
    report.put("cpus", Runtime.getRuntime().availableProcessors());
    report.put("samples", samples);
    report.put("warmup", warmup);
    report.put("goalP99Micros", GOAL_P99_NANOS / 1000.0);
    ArrayNode results = report.putArray("results");

    System.out.printf(Locale.ROOT, "%-48s %9s %9s %9s %9s %9s %6s%n", "decision", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "goal");
    for (Map.Entry<String, IntConsumer> workload : workloads.entrySet()) {
      for (int i = 0; i < warmup; i++) {
        workload.getValue().accept(i);
      }
      long[] nanos = new long[samples];
      for (int i = 0; i < samples; i++) {
        long start = System.nanoTime();
        workload.getValue().accept(i);
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      double p50 = micros(percentile(nanos, 0.50));
      double p90 = micros(percentile(nanos, 0.90));
      double p99 = micros(percentile(nanos, 0.99));
      double p999 = micros(percentile(nanos, 0.999));
      double max = micros(nanos[nanos.length - 1]);
      boolean met = percentile(nanos, 0.99) <= GOAL_P99_NANOS;
      System.out.printf(Locale.ROOT, "%-48s %9.2f %9.2f %9.2f %9.2f %9.1f %6s%n", workload.getKey(), p50, p90, p99, p999, max, met ? "met" : "MISSED");
      results.addObject().put("decision", workload.getKey()).put("p50Micros", p50).put("p90Micros", p90).put("p99Micros", p99)
          .put("p999Micros", p999).put("maxMicros", max).put("goalMet", met);
    }
    report.put("blackhole", sink);
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    System.out.println("wrote " + out);
  }

  private static long sink;

  private static void consume(boolean value) {
    sink += value ? 1 : 0; // keeps the JIT from dropping the call
  }

  private static long percentile(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
  }

  private static double micros(long nanos) {
    return Math.round(nanos / 10.0) / 100.0;
  }

  /** Works from the repository root and from the governance module directory. */
  private static String locate(String relative) {
    Path inModule = Path.of(relative);
    return Files.exists(inModule) ? inModule.toString() : Path.of("governance").resolve(relative).toString();
  }
}
