package org.dnsmesh.catalog.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.catalog.auth.Authorizer;
import org.dnsmesh.catalog.auth.CatalogResource;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.Operation;

/**
 * OpenLineage receiver and lineage graph. Events are validated before anything is stored (a malformed
 * event is a 400 naming the field). By convention the job namespace of a product pipeline is its domain,
 * and an Iceberg table is the dataset {@code namespace=<domain>}, {@code name=<schema>.<table>}.
 *
 * <p>Lineage is bound to the sender's domains: the job and every output must lie in products the sender
 * writes (inputs may be references to anything); event times more than {@link #MAX_CLOCK_SKEW} ahead are
 * refused; events are at most {@link #MAX_EVENT_BYTES}. A table's quality verdict comes only from events the
 * quality monitor's principal sent, and a graph holds only the nodes the caller may discover.
 */
@ApplicationScoped
public class LineageService {
  private static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");
  private static final int MAX_DEPTH = 20;
  /** OpenLineage events of a pipeline run are a few KiB; a larger one is refused with 413. */
  public static final int MAX_EVENT_BYTES = 1024 * 1024;
  /** How far ahead of the catalog's clock an event time may be (clock skew between hosts). */
  static final java.time.Duration MAX_CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  private final LineageRepository repository;
  private final Authorizer authorizer;
  private final ObjectMapper json;
  private final org.dnsmesh.catalog.registry.DomainRepository domains;
  private final String qualityPrincipal;
  private final java.time.Clock clock = java.time.Clock.systemUTC();
  /** Job namespace of the principals who query through Trino: job {@code trino:<principal>}. */
  private final String consumerNamespace;

  public LineageService(LineageRepository repository, Authorizer authorizer, ObjectMapper json,
      org.dnsmesh.catalog.registry.DomainRepository domains,
      @org.eclipse.microprofile.config.inject.ConfigProperty(name = "mesh.lineage.quality-principal",
          defaultValue = "quality-monitor") String qualityPrincipal,
      org.dnsmesh.catalog.lineage.trino.TrinoLineageConfig trino) {
    this.consumerNamespace = trino.jobNamespace();
    this.repository = repository;
    this.authorizer = authorizer;
    this.json = json;
    this.domains = domains;
    this.qualityPrincipal = qualityPrincipal;
  }

  /** Upstream (what a node comes from), downstream (what comes from it) or both. */
  public enum Direction {
    UPSTREAM,
    DOWNSTREAM,
    BOTH
  }

  public long receive(Caller caller, String body) {
    if (body != null && body.length() > MAX_EVENT_BYTES / 4
        && body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
      throw new jakarta.ws.rs.WebApplicationException(String.format("OpenLineage event refused: %d bytes, more than the "
          + "limit of %d bytes (1 MiB) per event", body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
          MAX_EVENT_BYTES), 413);
    }
    LineageRepository.RunEvent event = parse(body);
    if (event.eventTime().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
      throw new BadRequestException("Invalid eventTime %s: more than %d minutes in the future (the catalog's clock is %s)",
          event.eventTime(), MAX_CLOCK_SKEW.toMinutes(), clock.instant());
    }
    if (isConsumer(event.job())) {
      // readers through Trino are confirmed with Trino by its own receiver; nobody else may name one (not even admin)
      throw new org.apache.iceberg.exceptions.ForbiddenException("Access denied: job.namespace '%s' is reported only "
          + "by Trino's lineage listener (POST /api/v1/lineage/trino)", event.job().namespace());
    }
    // a job of domain D named "<product>.<step>" reports lineage as part of product D.<product>
    authorizer.authorizeOrThrow(caller, Operation.SEND_LINEAGE, productOf(event.job()));
    // what a run wrote must lie in products the sender writes; what it read may be anyone's (a reference)
    for (int i = 0; i < event.outputs().size(); i++) {
      LineageNode output = event.outputs().get(i);
      if (!authorizer.allows(caller, Operation.SEND_LINEAGE, productOf(output))) {
        throw new org.apache.iceberg.exceptions.ForbiddenException("Access denied: %s may not report lineage for "
            + "outputs[%d] %s: a run's outputs must lie in products the sender writes", caller.subject(), i, output.id());
      }
    }
    return repository.store(event, caller.subject());
  }

  /** The product a node belongs to: namespace = domain, name = {@code <product>.<rest>}. */
  private static CatalogResource productOf(LineageNode node) {
    return CatalogResource.namespace(node.namespace(), List.of(node.name().split("\\.", 2)[0]));
  }

  /** Whether the caller may see this node: mesh nodes by discover on their product; external systems (kafka, ...) are shown. */
  private boolean visible(Caller caller, LineageNode node, Set<String> meshDomains) {
    return !meshDomains.contains(node.namespace()) || authorizer.allows(caller, Operation.READ_LINEAGE, productOf(node));
  }

  public LineageGraph graph(Caller caller, LineageNode root, int depth, Direction direction) {
    authorizer.authorizeOrThrow(caller, Operation.READ_LINEAGE, CatalogResource.mesh());
    if (depth < 0 || depth > MAX_DEPTH) {
      throw new BadRequestException("depth must be between 0 and %s, was %s", MAX_DEPTH, depth);
    }
    Set<String> meshDomains = new java.util.HashSet<>();
    domains.list().forEach(domain -> meshDomains.add(domain.name().value()));
    java.util.function.Predicate<LineageNode> visible = node -> visible(caller, node, meshDomains);
    java.util.function.Predicate<LineageRepository.Edge> edgeVisible = edge -> !isConsumer(edge.job())
        || consumerVisible(caller, edge.job(), edge.dataset());
    if (!visible.test(root)) {
      throw new org.apache.iceberg.exceptions.ForbiddenException("Access denied: %s may not read the lineage of %s",
          caller.subject(), root.id());
    }
    Map<String, LineageNode> nodes = new LinkedHashMap<>();
    Set<LineageGraph.Edge> edges = new LinkedHashSet<>();
    nodes.put(root.id(), root);
    if (direction != Direction.DOWNSTREAM) {
      walk(root, depth, true, nodes, edges, visible, edgeVisible);
    }
    if (direction != Direction.UPSTREAM) {
      walk(root, depth, false, nodes, edges, visible, edgeVisible);
    }
    return new LineageGraph(root.id(), depth, new ArrayList<>(nodes.values()), new ArrayList<>(edges));
  }

  /** Breadth-first walk along edges in one direction, depth counted in edges. */
  private void walk(LineageNode root, int depth, boolean upstream, Map<String, LineageNode> nodes,
      Set<LineageGraph.Edge> edges, java.util.function.Predicate<LineageNode> visible,
      java.util.function.Predicate<LineageRepository.Edge> edgeVisible) {
    Map<String, Boolean> decided = new java.util.HashMap<>();
    Deque<LineageNode> frontier = new ArrayDeque<>(List.of(root));
    Set<String> seen = new LinkedHashSet<>(List.of(root.id()));
    for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
      Deque<LineageNode> next = new ArrayDeque<>();
      for (LineageNode node : frontier) {
        for (LineageRepository.Edge edge : repository.edgesOf(node)) {
          // input: dataset -> job; output: job -> dataset
          LineageNode from = edge.direction().equals("input") ? edge.dataset() : edge.job();
          LineageNode to = edge.direction().equals("input") ? edge.job() : edge.dataset();
          LineageNode neighbour = upstream ? from : to;
          LineageNode self = upstream ? to : from;
          if (!self.id().equals(node.id())
              || !decided.computeIfAbsent(neighbour.id(), id -> visible.test(neighbour)) || !edgeVisible.test(edge)) {
            continue; // a node the caller may not discover is neither shown nor walked through
          }
          edges.add(new LineageGraph.Edge(from.id(), to.id()));
          nodes.putIfAbsent(neighbour.id(), neighbour);
          if (seen.add(neighbour.id())) {
            next.add(neighbour);
          }
        }
      }
      frontier = next;
    }
  }

  /** Whether the job is a principal's queries through Trino (job {@code trino:<principal>}). */
  public boolean isConsumer(LineageNode job) {
    return job.isJob() && consumerNamespace.equals(job.namespace());
  }

  /**
   * Who reads a product is shown to the reader itself, to the product's owners (its domain's publishers: propose),
   * to whoever reviews it (its domain's stewards and governance: review) and to auditors; not to other domains'
   * analysts, stewards, publishers or services. Decided by the access policy on the dataset's product.
   */
  public boolean consumerVisible(Caller caller, LineageNode consumer, LineageNode dataset) {
    if (caller.subject().equals(consumer.name())) {
      return true;
    }
    CatalogResource product = productOf(dataset);
    return authorizer.allows(caller, Operation.PROPOSE_CHANGE, product)
        || authorizer.allows(caller, Operation.APPROVE_CHANGE, product)
        || authorizer.allows(caller, Operation.READ_AUDIT_LOG, CatalogResource.mesh());
  }

  /**
   * The jobs and principals that read the dataset, newest first: pipelines as their jobs, Trino's users as
   * principals; consumers the caller may not see (see {@link #consumerVisible}) are left out.
   */
  public List<Consumer> consumers(Caller caller, LineageNode dataset) {
    authorizer.authorizeOrThrow(caller, Operation.READ_LINEAGE, CatalogResource.mesh());
    Set<String> meshDomains = new java.util.HashSet<>();
    domains.list().forEach(domain -> meshDomains.add(domain.name().value()));
    if (!visible(caller, dataset, meshDomains)) {
      throw new org.apache.iceberg.exceptions.ForbiddenException("Access denied: %s may not read the lineage of %s",
          caller.subject(), dataset.id());
    }
    List<Consumer> consumers = new ArrayList<>();
    for (LineageRepository.Reader reader : repository.readersOf(dataset)) {
      LineageNode job = reader.job();
      if (isConsumer(job)) {
        if (consumerVisible(caller, job, dataset)) {
          consumers.add(new Consumer(job.id(), job.name(), "trino", reader.lastSeen()));
        }
      } else if (visible(caller, job, meshDomains)) {
        consumers.add(new Consumer(job.id(), null, "job", reader.lastSeen()));
      }
    }
    return consumers;
  }

  /** A reader of a dataset: its graph node id, the principal (Trino readers) and when it last read. */
  public record Consumer(String node, String principal, String via, Instant lastSeen) {}

  /** The latest data-quality verdict the quality monitor recorded for the dataset: passing, failing or unknown. */
  public String qualityStatus(LineageNode dataset) {
    for (String payload : repository.eventsSince(dataset, java.time.Instant.EPOCH, qualityPrincipal, 20)) {
      java.util.Optional<QualityTrend.Point> verdict = verdict(payload, dataset);
      if (verdict.isPresent()) {
        return verdict.get().status();
      }
    }
    return "unknown";
  }

  /**
   * The dataset's recent verdicts: the newest {@code points} with their times, and the share passing over the last
   * {@code windowHours} (read from at most {@value #TREND_EVENTS} events: a monitor polling every 30 s posts 2880 a
   * day per table).
   */
  public QualityTrend qualityTrend(LineageNode dataset, int points, int windowHours, Instant now) {
    List<QualityTrend.Point> verdicts = new ArrayList<>();
    for (String payload : repository.eventsSince(dataset, now.minus(java.time.Duration.ofHours(windowHours)),
        qualityPrincipal, TREND_EVENTS)) {
      verdict(payload, dataset).ifPresent(verdicts::add);
    }
    return QualityTrend.of(verdicts, points, windowHours);
  }

  static final int TREND_EVENTS = 3000;

  /** The verdict of one event on the dataset, from its {@code dataQualityAssertions}; empty if it carries none. */
  private java.util.Optional<QualityTrend.Point> verdict(String payload, LineageNode dataset) {
    try {
      JsonNode event = json.readTree(payload);
      for (String side : List.of("inputs", "outputs")) {
        for (JsonNode entry : event.path(side)) {
          if (!dataset.namespace().equals(entry.path("namespace").asText())
              || !dataset.name().equals(entry.path("name").asText())) {
            continue;
          }
          for (String facets : List.of("inputFacets", "outputFacets", "facets")) {
            JsonNode assertions = entry.path(facets).path("dataQualityAssertions").path("assertions");
            if (assertions.isArray() && !assertions.isEmpty()) {
              boolean passing = true;
              for (JsonNode assertion : assertions) {
                passing &= assertion.path("success").asBoolean(false);
              }
              Instant at = OffsetDateTime.parse(event.path("eventTime").asText()).toInstant();
              return java.util.Optional.of(new QualityTrend.Point(at, passing ? "passing" : "failing"));
            }
          }
        }
      }
    } catch (JsonProcessingException | DateTimeParseException e) {
      // stored events were validated JSON with an event time; skip anything unreadable
    }
    return java.util.Optional.empty();
  }

  /** The event, validated: a 400 naming the field when it is not an OpenLineage run event. */
  public LineageRepository.RunEvent parse(String body) {
    JsonNode event;
    try {
      event = json.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("Malformed OpenLineage event (not JSON): %s", e.getOriginalMessage());
    }
    if (event == null || !event.isObject()) {
      throw new BadRequestException("Malformed OpenLineage event: expected a JSON object");
    }
    if (!event.has("run")) {
      throw new BadRequestException("Only OpenLineage run events are accepted: field 'run' is missing");
    }
    String eventType = event.hasNonNull("eventType") ? event.get("eventType").asText() : null;
    if (eventType != null && !EVENT_TYPES.contains(eventType)) {
      throw new BadRequestException("Invalid eventType '%s': expected one of %s", eventType, EVENT_TYPES);
    }
    Instant eventTime;
    try {
      eventTime = OffsetDateTime.parse(requiredText(event, "eventTime")).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException("Invalid eventTime: %s", e.getMessage());
    }
    String runId = requiredText(event.path("run"), "run.runId", "runId");
    try {
      UUID.fromString(runId);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid run.runId '%s': expected a UUID", runId);
    }
    requiredText(event, "producer");
    JsonNode job = event.path("job");
    LineageNode jobNode = LineageNode.job(requiredText(job, "job.namespace", "namespace"),
        requiredText(job, "job.name", "name"));
    return new LineageRepository.RunEvent(eventType, eventTime, runId, jobNode,
        datasets(event, "inputs"), datasets(event, "outputs"), event.toString());
  }

  private static List<LineageNode> datasets(JsonNode event, String field) {
    JsonNode list = event.path(field);
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new BadRequestException("Invalid '%s': expected an array of datasets", field);
    }
    List<LineageNode> datasets = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode dataset = list.get(i);
      String where = field + "[" + i + "]";
      datasets.add(LineageNode.dataset(requiredText(dataset, where + ".namespace", "namespace"),
          requiredText(dataset, where + ".name", "name")));
    }
    return datasets;
  }

  private static String requiredText(JsonNode node, String field) {
    return requiredText(node, field, field);
  }

  private static String requiredText(JsonNode node, String path, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new BadRequestException("Malformed OpenLineage event: '%s' is required (a non-empty string)", path);
    }
    return value.asText();
  }
}
