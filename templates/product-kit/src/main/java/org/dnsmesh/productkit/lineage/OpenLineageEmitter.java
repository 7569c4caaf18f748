package org.dnsmesh.productkit.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits OpenLineage START / COMPLETE / FAIL run events with the official Java client over its HTTP transport
 * (the catalog service's {@code POST /api/v1/lineage}). Inputs are topics (or upstream tables), outputs carry a
 * schema facet and, on COMPLETE, an output-statistics facet with the rows written. A lineage endpoint that is down
 * is logged, not fatal: the data path never waits on lineage.
 */
public final class OpenLineageEmitter implements LineageEmitter, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpenLineageEmitter.class);
  private static final URI PRODUCER = URI.create("https://github.com/dnsmesh/dns-data-mesh/tree/main/templates/product-kit");

  private final OpenLineageClient client;
  private final OpenLineage openLineage = new OpenLineage(PRODUCER);

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:8080}
   * @param endpoint e.g. {@code /api/v1/lineage}
   */
  public OpenLineageEmitter(URI baseUrl, String endpoint) {
    this(baseUrl, endpoint, null);
  }

  /**
   * As {@link #OpenLineageEmitter(URI, String)}, sending {@code Authorization: Bearer <token>} on every event (the
   * catalog service authenticates lineage like every other call); the supplier is asked per event.
   */
  public OpenLineageEmitter(URI baseUrl, String endpoint, Supplier<String> token) {
    HttpConfig config = new HttpConfig();
    config.setUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
    config.setEndpoint(Objects.requireNonNull(endpoint, "endpoint"));
    config.setTimeoutInMillis(5_000);
    if (token != null) {
      config.setAuth(() -> "Bearer " + token.get());
    }
    this.client = OpenLineageClient.builder().transport(new HttpTransport(config)).build();
  }

  @Override
  public void start(LineageRun run) {
    emit(event(run, OpenLineage.RunEvent.EventType.START, Map.of(), null));
  }

  @Override
  public void complete(LineageRun run, Map<String, Long> outputRowCounts) {
    emit(event(run, OpenLineage.RunEvent.EventType.COMPLETE, outputRowCounts, null));
  }

  @Override
  public void fail(LineageRun run, Throwable error) {
    emit(event(run, OpenLineage.RunEvent.EventType.FAIL, Map.of(), error));
  }

  OpenLineage.RunEvent event(LineageRun run, OpenLineage.RunEvent.EventType type, Map<String, Long> rowCounts,
      Throwable error) {
    OpenLineage.RunFacetsBuilder runFacets = openLineage.newRunFacetsBuilder()
        .processing_engine(openLineage.newProcessingEngineRunFacetBuilder().name("dnsmesh-product-kit")
            .version(version()).openlineageAdapterVersion("1.55.0").build());
    if (error != null) {
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      runFacets.errorMessage(openLineage.newErrorMessageRunFacetBuilder()
          .message(String.valueOf(error.getMessage())).programmingLanguage("JAVA").stackTrace(trace.toString())
          .build());
    }
    List<OpenLineage.InputDataset> inputs = run.inputs().stream()
        .map(d -> openLineage.newInputDatasetBuilder().namespace(d.namespace()).name(d.name())
            .facets(datasetFacets(d)).build())
        .toList();
    List<OpenLineage.OutputDataset> outputs = run.outputs().stream()
        .map(d -> {
          OpenLineage.OutputDatasetBuilder builder = openLineage.newOutputDatasetBuilder().namespace(d.namespace())
              .name(d.name()).facets(datasetFacets(d));
          Long rows = rowCounts.get(d.name());
          if (rows != null) {
            builder.outputFacets(openLineage.newOutputDatasetOutputFacetsBuilder()
                .outputStatistics(openLineage.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(rows).build())
                .build());
          }
          return builder.build();
        })
        .toList();
    return openLineage.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.now(ZoneOffset.UTC))
        .run(openLineage.newRunBuilder().runId(run.runId()).facets(runFacets.build()).build())
        .job(openLineage.newJobBuilder().namespace(run.jobNamespace()).name(run.jobName()).build())
        .inputs(inputs)
        .outputs(outputs)
        .build();
  }

  private OpenLineage.DatasetFacets datasetFacets(LineageDataset dataset) {
    if (dataset.columns().isEmpty()) {
      return openLineage.newDatasetFacetsBuilder().build();
    }
    List<OpenLineage.SchemaDatasetFacetFields> fields = dataset.columns().stream()
        .map(c -> openLineage.newSchemaDatasetFacetFieldsBuilder().name(c.name()).type(c.type())
            .description(c.description()).build())
        .toList();
    return openLineage.newDatasetFacetsBuilder()
        .schema(openLineage.newSchemaDatasetFacetBuilder().fields(fields).build())
        .build();
  }

  private void emit(OpenLineage.RunEvent event) {
    try {
      client.emit(event);
    } catch (RuntimeException e) {
      LOG.warn("OpenLineage {} event for run {} not delivered: {}", event.getEventType(), event.getRun().getRunId(),
          e.getMessage());
    }
  }

  private static String version() {
    String version = OpenLineageEmitter.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      LOG.warn("closing the OpenLineage client failed: {}", e.getMessage());
    }
  }
}
