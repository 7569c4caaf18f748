package org.dnsmesh.catalog.lineage.trino;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.dnsmesh.catalog.lineage.LineageNode;
import org.dnsmesh.catalog.lineage.LineageRepository;
import org.dnsmesh.catalog.lineage.LineageService;
import org.dnsmesh.catalog.registry.DomainRepository;

/**
 * Turns Trino's query events into lineage: the analyst (or service) who ran a query becomes the job
 * {@code trino:<principal>}, with an input edge from every product table the query read and an output edge to the
 * table it wrote. What the event claims is checked against Trino itself ({@link TrinoQueries}): the principal is
 * Trino's authenticated user of that query id, and every table the event names must be one Trino recorded for it.
 * So the ingest key alone can neither invent a reader nor attach a real reader to a table it never read.
 *
 * <p>Stored is what lineage needs (who, which tables, when, the query id), not the SQL text or plan the event
 * carries: a query's literals may be sensitive values.
 */
@ApplicationScoped
public class TrinoLineage {
  /** The sender recorded with each stored event. */
  public static final String SENDER = "trino-lineage-listener";
  /**
   * A query event without plan and statistics facets (mesh up disables them) is ~1 KiB plus the SQL text; this
   * leaves room for a 250 KB statement and keeps a flood of large bodies cheap to refuse.
   */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  private final LineageService lineage;
  private final LineageRepository repository;
  private final TrinoQueries queries;
  private final DomainRepository domains;
  private final TrinoLineageConfig config;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  public TrinoLineage(LineageService lineage, LineageRepository repository, TrinoQueries queries,
      DomainRepository domains, TrinoLineageConfig config, ObjectMapper json) {
    this.lineage = lineage;
    this.repository = repository;
    this.queries = queries;
    this.domains = domains;
    this.config = config;
    this.json = json;
  }

  /** What became of an event: stored (with its id), or acknowledged without lineage (and why). */
  public record Outcome(Optional<Long> id, String job, String detail) {}

  public Outcome receive(String body) {
    int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_EVENT_BYTES) {
      throw new WebApplicationException(String.format("Trino lineage event refused: %d bytes, more than the limit of "
          + "%d bytes (256 KiB) per event. Trino's listener is configured without query plans and statistics, so a "
          + "query event is a few KiB plus its SQL text", bytes, MAX_EVENT_BYTES), 413);
    }
    LineageRepository.RunEvent event = lineage.parse(body);
    if (!config.jobNamespace().equals(event.job().namespace())) {
      throw new ForbiddenException("Access denied: the Trino ingest key reports only Trino's queries (job.namespace "
          + "'%s'), not job.namespace '%s'", config.jobNamespace(), event.job().namespace());
    }
    if (event.eventTime().isAfter(clock.instant().plus(java.time.Duration.ofMinutes(5)))) {
      throw new BadRequestException("Invalid eventTime %s: more than 5 minutes in the future", event.eventTime());
    }
    String namespace = queries.datasetNamespace().orElseThrow(() -> new IllegalStateException(
        "Trino's URL is not configured (mesh.lineage.trino.url)"));
    checkNamespaces(event.inputs(), "inputs", namespace);
    checkNamespaces(event.outputs(), "outputs", namespace);
    if (!"COMPLETE".equals(event.eventType()) || event.inputs().isEmpty() && event.outputs().isEmpty()) {
      return new Outcome(Optional.empty(), event.job().name(), "acknowledged: only a completed query that read or "
          + "wrote tables adds lineage (" + event.eventType() + ")");
    }
    String queryId = event.job().name();
    TrinoQueries.QueryFacts facts = queries.find(queryId).orElseThrow(() -> new BadRequestException(
        "Invalid job.name '%s': Trino knows no such query", queryId));
    confirm(event.inputs(), "inputs", facts.inputs(), queryId);
    confirm(event.outputs(), "outputs", facts.outputs(), queryId);
    if (facts.user().isBlank()) {
      throw new IllegalStateException("Trino reported query " + queryId + " without a user");
    }
    Set<String> meshDomains = new HashSet<>();
    domains.list().forEach(domain -> meshDomains.add(domain.name().value()));
    List<LineageNode> inputs = products(event.inputs(), meshDomains);
    List<LineageNode> outputs = products(event.outputs(), meshDomains);
    LineageNode job = LineageNode.job(config.jobNamespace(), facts.user());
    if (inputs.isEmpty() && outputs.isEmpty()) {
      return new Outcome(Optional.empty(), job.id(), "acknowledged: the query touched no product table");
    }
    LineageRepository.RunEvent stored = new LineageRepository.RunEvent(event.eventType(), event.eventTime(),
        event.runId(), job, inputs, outputs, summary(event, job, queryId, inputs, outputs));
    return new Outcome(Optional.of(repository.store(stored, SENDER)), job.id(), "stored");
  }

  private static void checkNamespaces(List<LineageNode> datasets, String field, String namespace) {
    for (int i = 0; i < datasets.size(); i++) {
      if (!namespace.equals(datasets.get(i).namespace())) {
        throw new ForbiddenException("Access denied: %s[%d].namespace '%s' is not this mesh's Trino ('%s')", field, i,
            datasets.get(i).namespace(), namespace);
      }
    }
  }

  private static void confirm(List<LineageNode> datasets, String field, Set<String> recorded, String queryId) {
    for (int i = 0; i < datasets.size(); i++) {
      if (!recorded.contains(datasets.get(i).name())) {
        throw new ForbiddenException("Access denied: %s[%d] '%s' is no table Trino recorded for query %s", field, i,
            datasets.get(i).name(), queryId);
      }
    }
  }

  /** Trino's {@code catalog.schema.table} in a domain's catalog is the mesh dataset {@code <domain>/<schema>.<table>}. */
  private static List<LineageNode> products(List<LineageNode> datasets, Set<String> meshDomains) {
    List<LineageNode> products = new ArrayList<>();
    for (LineageNode dataset : datasets) {
      String[] parts = dataset.name().split("\\.", 2);
      if (parts.length == 2 && meshDomains.contains(parts[0])) {
        products.add(LineageNode.dataset(parts[0], parts[1]));
      }
    }
    return products;
  }

  private String summary(LineageRepository.RunEvent event, LineageNode job, String queryId, List<LineageNode> inputs,
      List<LineageNode> outputs) {
    ObjectNode summary = json.createObjectNode();
    summary.put("eventType", event.eventType()).put("eventTime", event.eventTime().toString())
        .put("producer", "trino-openlineage");
    summary.putObject("run").put("runId", event.runId());
    summary.putObject("job").put("namespace", job.namespace()).put("name", job.name()).put("trinoQueryId", queryId);
    addDatasets(summary.putArray("inputs"), inputs);
    addDatasets(summary.putArray("outputs"), outputs);
    return summary.toString();
  }

  private static void addDatasets(ArrayNode array, List<LineageNode> datasets) {
    datasets.forEach(dataset -> array.addObject().put("namespace", dataset.namespace()).put("name", dataset.name()));
  }
}
