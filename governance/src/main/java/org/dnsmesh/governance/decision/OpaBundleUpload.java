package org.dnsmesh.governance.decision;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dnsmesh.governance.compile.OpaBundle;

/**
 * Pushes a compiled {@link OpaBundle} into a running OPA through its REST API, so an approved policy is in
 * force in OPA at once: the bundle's data documents first ({@code PUT /v1/data/<folder>}, e.g.
 * {@code dnsmesh/policy/data.json} -> {@code data.dnsmesh.policy}), then each Rego module
 * ({@code PUT /v1/policies/<path>}). A non-2xx answer or an unreachable server is reported, never thrown.
 */
public final class OpaBundleUpload {
  private final OpaConfig config;
  private final HttpClient http;

  public OpaBundleUpload(OpaConfig config, HttpClient http) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** What the upload did: every file accepted, or the first refusal. */
  public record Result(boolean pushed, String detail) {}

  public Result push(OpaBundle bundle) {
    List<String> done = new ArrayList<>();
    List<Map.Entry<String, String>> ordered = new ArrayList<>();
    bundle.files().entrySet().stream().filter(f -> f.getKey().endsWith("/data.json")).forEach(ordered::add);
    bundle.files().entrySet().stream().filter(f -> f.getKey().endsWith(".rego")).forEach(ordered::add);
    String base = config.baseUri().toString().replaceAll("/+$", "");
    for (Map.Entry<String, String> file : ordered) {
      String path = file.getKey();
      boolean data = path.endsWith("/data.json");
      URI target = URI.create(base + (data ? "/v1/data/" + path.substring(0, path.length() - "/data.json".length())
          : "/v1/policies/" + path));
      HttpRequest request = HttpRequest.newBuilder(target).timeout(config.timeout())
          .header("Content-Type", data ? "application/json" : "text/plain")
          .PUT(HttpRequest.BodyPublishers.ofString(file.getValue())).build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
          return new Result(false, "OPA refused " + path + " (HTTP " + response.statusCode() + "): " + abbreviated(response.body()));
        }
      } catch (IOException e) {
        return new Result(false, "OPA unreachable at " + base + " for " + path + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(false, "interrupted while pushing " + path + " to OPA");
      }
      done.add(path);
    }
    return new Result(true, "bundle pushed to OPA at " + base + " (" + String.join(", ", done) + ")");
  }

  private static String abbreviated(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
