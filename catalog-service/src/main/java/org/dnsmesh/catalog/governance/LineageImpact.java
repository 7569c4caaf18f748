package org.dnsmesh.catalog.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.catalog.lineage.LineageNode;
import org.dnsmesh.catalog.lineage.LineageRepository;
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.catalog.registry.ProductRepository;
import org.dnsmesh.contracts.compat.Change;
import org.dnsmesh.contracts.compat.ChangeClass;
import org.dnsmesh.contracts.compat.CompatibilityReport;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.governance.workflow.CheckResult;

/**
 * Impact analysis of a proposed contract version from the OpenLineage graph the catalog stores: which jobs
 * read the product's output tables, which datasets they write, and (transitively) who reads those. Where a
 * consumer's events carry the {@code columnLineage} facet the analysis is column-level (a job breaks only if
 * it reads a removed/retyped column); otherwise it is table-level (any MAJOR change may break the job). The
 * check result says which level each job was judged at.
 */
@ApplicationScoped
public class LineageImpact {
  static final String CHECK_NAME = "impact-analysis";
  private static final int MAX_DEPTH = 5;
  private static final int EVENTS_PER_JOB = 10;

  private final LineageRepository lineage;
  private final ProductRepository products;
  private final AgroalDataSource dataSource;
  private final ObjectMapper json;

  public LineageImpact(LineageRepository lineage, ProductRepository products, AgroalDataSource dataSource,
      ObjectMapper json) {
    this.lineage = lineage;
    this.products = products;
    this.dataSource = dataSource;
    this.json = json;
  }

  /** One consumer job of an affected table, as judged. */
  record Consumer(String job, String reads, String level, List<String> brokenColumns, boolean breaks, List<LineageNode> writes) {}

  CheckResult analyze(Product product, DataContract contract, Optional<CompatibilityReport> report) {
    Map<String, Set<String>> brokenByTable = new LinkedHashMap<>();
    boolean major = report.map(r -> r.overall() == ChangeClass.MAJOR).orElse(false);
    for (ProductTables.Binding binding : ProductTables.of(product, contract)) {
      Set<String> broken = new LinkedHashSet<>();
      for (Change change : report.map(CompatibilityReport::changes).orElse(List.of())) {
        if (change.changeClass() == ChangeClass.MAJOR) {
          columnOf(change.element(), binding.object().name()).ifPresent(broken::add);
        }
      }
      brokenByTable.put(binding.port().namespace() + "." + binding.port().table(), broken);
    }
    if (brokenByTable.isEmpty()) {
      return new CheckResult(CHECK_NAME, CheckResult.CheckStatus.PASSED,
          "no output table of " + product.domain() + "." + product.name() + " is described by the contract: no lineage to check");
    }
    List<Consumer> consumers = new ArrayList<>();
    for (Map.Entry<String, Set<String>> table : brokenByTable.entrySet()) {
      LineageNode dataset = LineageNode.dataset(product.domain(), table.getKey());
      for (LineageRepository.Edge edge : lineage.edgesOf(dataset)) {
        if (edge.direction().equals("input")) {
          consumers.add(judge(edge.job(), dataset, table.getValue(), major));
        }
      }
    }
    if (consumers.isEmpty()) {
      return new CheckResult(CHECK_NAME, CheckResult.CheckStatus.PASSED,
          "no downstream job reads " + String.join(", ", brokenByTable.keySet()) + " in the lineage graph");
    }
    List<String> parts = new ArrayList<>();
    Set<String> downstream = new LinkedHashSet<>();
    for (Consumer consumer : consumers) {
      String verdict = consumer.breaks() ? "would break" : "not affected";
      String columns = consumer.level().equals("column-level")
          ? (consumer.brokenColumns().isEmpty() ? " (reads no changed column)" : " (reads " + String.join(", ", consumer.brokenColumns()) + ")")
          : (major ? " (no column lineage in its events: any MAJOR change may break it)" : "");
      parts.add(consumer.level() + ": job " + consumer.job() + " reads " + consumer.reads() + columns + ", " + verdict
          + (consumer.writes().isEmpty() ? "" : "; writes "
              + String.join(", ", consumer.writes().stream().map(this::describe).toList())));
      if (consumer.breaks()) {
        downstream.addAll(downstreamOf(consumer.writes()));
      }
    }
    long breaking = consumers.stream().filter(Consumer::breaks).count();
    String summary = breaking + " of " + consumers.size() + " downstream job(s) would break";
    if (!downstream.isEmpty()) {
      summary += "; further downstream (table-level): " + String.join(", ", downstream);
    }
    return new CheckResult(CHECK_NAME, breaking > 0 ? CheckResult.CheckStatus.WARNING : CheckResult.CheckStatus.PASSED,
        summary + ". " + String.join("; ", parts));
  }

  private Consumer judge(LineageNode job, LineageNode dataset, Set<String> broken, boolean major) {
    List<LineageNode> writes = new ArrayList<>();
    for (LineageRepository.Edge edge : lineage.edgesOf(job)) {
      if (edge.direction().equals("output")) {
        writes.add(edge.dataset());
      }
    }
    Optional<Set<String>> readColumns = columnsRead(job, dataset);
    String jobName = job.namespace() + "." + job.name();
    String reads = dataset.namespace() + ":" + dataset.name();
    if (readColumns.isPresent()) {
      List<String> hit = broken.stream().filter(readColumns.get()::contains).toList();
      return new Consumer(jobName, reads, "column-level", hit, !hit.isEmpty(), writes);
    }
    return new Consumer(jobName, reads, "table-level", List.of(), major, writes);
  }

  /** Jobs and datasets reachable from these datasets through further jobs, breadth first (table-level). */
  private Set<String> downstreamOf(List<LineageNode> datasets) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<LineageNode> frontier = new ArrayDeque<>(datasets);
    Set<String> visited = new LinkedHashSet<>(datasets.stream().map(LineageNode::id).toList());
    for (int level = 0; level < MAX_DEPTH && !frontier.isEmpty(); level++) {
      Deque<LineageNode> next = new ArrayDeque<>();
      for (LineageNode node : frontier) {
        for (LineageRepository.Edge read : lineage.edgesOf(node)) {
          if (!read.direction().equals("input")) {
            continue;
          }
          seen.add("job " + read.job().namespace() + "." + read.job().name());
          for (LineageRepository.Edge write : lineage.edgesOf(read.job())) {
            if (write.direction().equals("output") && visited.add(write.dataset().id())) {
              seen.add(describe(write.dataset()));
              next.add(write.dataset());
            }
          }
        }
      }
      frontier = next;
    }
    return seen;
  }

  /** {@code ns:name}, plus the registered products that list it as an output port. */
  private String describe(LineageNode dataset) {
    String text = dataset.namespace() + ":" + dataset.name();
    String[] parts = dataset.name().split("\\.", -1);
    if (parts.length != 2) {
      return text;
    }
    List<String> owners = products.productsWithOutput(dataset.namespace(), parts[0], parts[1]);
    return owners.isEmpty() ? text
        : text + " (product " + String.join(", ", owners.stream().map(name -> dataset.namespace() + "." + name).toList()) + ")";
  }

  /**
   * The columns of {@code dataset} the job's latest events say it reads (the {@code columnLineage} facet of
   * its outputs); empty when none of its events carries column lineage for that dataset.
   */
  Optional<Set<String>> columnsRead(LineageNode job, LineageNode dataset) {
    Set<String> columns = new LinkedHashSet<>();
    boolean found = false;
    for (String payload : latestPayloads(job)) {
      JsonNode event;
      try {
        event = json.readTree(payload);
      } catch (JsonProcessingException e) {
        continue;
      }
      for (JsonNode output : event.path("outputs")) {
        JsonNode facet = output.path("facets").path("columnLineage");
        if (facet.isMissingNode()) {
          continue;
        }
        List<JsonNode> inputFields = new ArrayList<>();
        facet.path("fields").forEach(field -> field.path("inputFields").forEach(inputFields::add));
        facet.path("dataset").forEach(inputFields::add);
        for (JsonNode input : inputFields) {
          if (dataset.namespace().equals(input.path("namespace").asText())
              && dataset.name().equals(input.path("name").asText())) {
            found = true;
            if (input.hasNonNull("field")) {
              columns.add(input.get("field").asText());
            }
          }
        }
      }
    }
    return found ? Optional.of(columns) : Optional.empty();
  }

  private List<String> latestPayloads(LineageNode job) {
    String sql = "SELECT payload::text FROM registry.lineage_events WHERE job_namespace = ? AND job_name = ?"
        + " ORDER BY event_time DESC, id DESC LIMIT " + EVENTS_PER_JOB;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, job.namespace());
      statement.setString(2, job.name());
      try (ResultSet rows = statement.executeQuery()) {
        List<String> payloads = new ArrayList<>();
        while (rows.next()) {
          payloads.add(rows.getString(1));
        }
        return payloads;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read lineage events of job " + job.id() + ": " + e.getMessage(), e);
    }
  }

  /** {@code schema.<object>.<column>[...]} -> column, when the change is about a column of that object. */
  static Optional<String> columnOf(String element, String objectName) {
    String prefix = "schema." + objectName + ".";
    if (!element.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = element.substring(prefix.length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }
}
