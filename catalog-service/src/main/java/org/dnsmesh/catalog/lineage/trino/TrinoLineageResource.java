package org.dnsmesh.catalog.lineage.trino;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receiver of Trino's OpenLineage listener ({@code transport.url} + {@code transport.endpoint}). It takes no
 * JWT: its one credential is the ingest key ({@link TrinoIngestKey}), checked here before the body is parsed.
 */
@Path("/api/v1/lineage/trino")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TrinoLineageResource {
  private final TrinoIngestKey key;
  private final TrinoLineage lineage;

  public TrinoLineageResource(TrinoIngestKey key, TrinoLineage lineage) {
    this.key = key;
    this.lineage = lineage;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response receive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    key.authenticate(authorization);
    TrinoLineage.Outcome outcome = lineage.receive(body);
    Map<String, Object> answer = new LinkedHashMap<>();
    outcome.id().ifPresent(id -> answer.put("id", id));
    answer.put("job", outcome.job());
    answer.put("detail", outcome.detail());
    return Response.status(outcome.id().isPresent() ? 201 : 202).entity(answer).build();
  }
}
