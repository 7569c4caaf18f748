package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long the UI's pages take to load in Chromium with 100 products and 1,000 lineage edges around one product's
 * table: from the hash change to the page's last section drawn (median of 5 loads each). Prints the numbers and
 * writes {@code target/ui-smoke/page-load.json}; fails only when a page does not finish within 30 s.
 */
@QuarkusTest
@TestProfile(ConsumerViewApiTest.CopiedPolicy.class)
@Tag("slow")
class PageLoadTimingTest {
  private static final int PRODUCTS = 100;
  private static final int JOBS = 100; // each 10 edges: 1,000 edges
  private static final int LOADS = 5;

  @TestHTTPResource("/")
  URL base;

  /** Elapsed ms from setting the hash to {@code done} being true (polled every 5 ms); -1 after 30 s. */
  private static String timed(String hash, String done) {
    return "(async () => { const t0 = performance.now(); location.hash = '" + hash + "';"
        + " while (!(() => { try { return Boolean(" + done + "); } catch (e) { return false; } })()) {"
        + " await new Promise(r => setTimeout(r, 5)); if (performance.now() - t0 > 30000) return -1; }"
        + " return Math.round(performance.now() - t0); })()";
  }

  @Test
  void pagesLoadWithAHundredProductsAndAThousandLineageEdges() throws Exception {
    Path chromium = ChromeDevTools.executable().orElse(null);
    Assumptions.assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium (or $CHROMIUM): install it with `apt-get install chromium`");
    String tag = "lt" + UUID.randomUUID().toString().substring(0, 6);
    String publisher = DevTokens.of("publisher-na");
    for (int i = 1; i < PRODUCTS; i++) {
      given().auth().oauth2(publisher).contentType("application/json").body("""
          {"domain":"na","name":"%s_%03d","description":"page load probe %s","ownerTeam":"na-load","status":"active",
           "tags":["%s"],"sla":{"freshness":"PT1H"},"outputPorts":[{"namespace":"%s_%03d","table":"events"}]}"""
          .formatted(tag, i, tag, tag, tag, i)).when().post("/api/v1/products").then().statusCode(200);
    }
    String product = ConsumerViewApiTest.resolverProduct(); // the 100th, with a contract, masks and the lineage
    given().auth().oauth2(publisher).contentType("application/json").body("""
        {"domain":"na","name":"%s","description":"resolver queries page load probe %s","ownerTeam":"na-resolvers",
         "status":"active","tags":["%s"],"sla":{"freshness":"PT1H"},"outputPorts":[{"namespace":"%s","table":"queries"}]}"""
        .formatted(product, tag, tag, product)).when().post("/api/v1/products").then().statusCode(200);
    String root = product + ".queries";
    for (int job = 0; job < JOBS; job++) {
      List<String> inputs = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      if (job % 2 == 0) { // upstream: 9 raw inputs + the job's output the root table
        for (int k = 0; k < 9; k++) {
          inputs.add("{\"namespace\":\"kafka\",\"name\":\"na.raw." + job + "." + k + "\"}");
        }
        outputs.add("{\"namespace\":\"na\",\"name\":\"" + root + "\"}");
      } else { // downstream: reads the root table, writes 9 derived tables
        inputs.add("{\"namespace\":\"na\",\"name\":\"" + root + "\"}");
        for (int k = 0; k < 9; k++) {
          outputs.add("{\"namespace\":\"na\",\"name\":\"derived_" + job + ".t" + k + "\"}");
        }
      }
      String event = "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-07T10:00:00.000Z\","
          + "\"producer\":\"https://github.com/dnsmesh\","
          + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
          + "\"run\":{\"runId\":\"" + UUID.randomUUID() + "\"},\"job\":{\"namespace\":\"na\",\"name\":\"load_job_" + job + "\"},"
          + "\"inputs\":[" + String.join(",", inputs) + "],\"outputs\":[" + String.join(",", outputs) + "]}";
      given().auth().oauth2(publisher).contentType("application/json").body(event)
          .when().post("/api/v1/lineage").then().statusCode(201);
    }
    int edges = given().auth().oauth2(DevTokens.of("ana")).queryParam("type", "dataset").queryParam("namespace", "na")
        .queryParam("name", root).queryParam("depth", 3).when().get("/api/v1/lineage").then().statusCode(200)
        .extract().jsonPath().getList("edges").size();

    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("search (100 products)", timed("#/search?q=" + tag,
        "document.querySelectorAll('#results tbody tr').length === " + PRODUCTS));
    pages.put("product page (1,000 lineage edges)", timed("#/product/na/" + product,
        "document.querySelector('#consumer-view table.schema') && document.querySelector('#quality h4, #quality p')"
            + " && !document.querySelector('#quality').textContent.includes('Loading')"
            + " && document.querySelector('.lineage-graph canvas')"));
    pages.put("domains", timed("#/domains", "document.querySelector('main').innerText.includes('Warehouse')"));
    pages.put("review queue", timed("#/reviews",
        "document.querySelector('#queue') && !document.querySelector('#queue').textContent.includes('Loading')"));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("products", PRODUCTS);
    report.put("lineageEdgesAroundTheProduct", edges);
    // the product page's API calls alone, to tell server time from drawing time
    for (String call : List.of("", "/view", "/quality?days=7")) {
      List<Long> millis = new ArrayList<>();
      for (int load = 0; load <= LOADS; load++) {
        long started = System.nanoTime();
        given().auth().oauth2(DevTokens.of("ana")).when().get("/api/v1/products/na/" + product + call
            + (call.isEmpty() ? "?depth=3" : "")).then().statusCode(200);
        if (load > 0) {
          millis.add((System.nanoTime() - started) / 1_000_000);
        }
      }
      report.put("API GET product" + (call.isEmpty() ? " page ?depth=3" : call), Map.of("medianMs",
          millis.stream().sorted().toList().get(LOADS / 2), "loads", millis));
    }
    try (ChromeDevTools browser = new ChromeDevTools(chromium)) {
      browser.navigate(base + "ui/");
      assertThat(browser.awaitTrue("document.readyState === 'complete' && document.getElementById('token-input') !== null",
          Duration.ofSeconds(20))).isEmpty();
      browser.evaluate("document.getElementById('token-input').value = '" + DevTokens.of("ana") + "';"
          + " document.getElementById('token-form').requestSubmit(); true");
      for (Map.Entry<String, String> page : pages.entrySet()) {
        List<Integer> millis = new ArrayList<>();
        for (int load = 0; load <= LOADS; load++) {
          // another page first (the search lists every product without a query, so it is not the search page)
          browser.evaluate("location.hash = '" + (page.getKey().equals("domains") ? "#/access" : "#/domains") + "'; true");
          Thread.sleep(200);
          int elapsed = browser.evaluate(page.getValue()).asInt();
          assertThat(elapsed).as(page.getKey() + " finished within 30 s").isNotNegative();
          if (load > 0) { // the first load warms the browser's and the service's caches
            millis.add(elapsed);
          }
        }
        List<Integer> sorted = millis.stream().sorted().toList();
        report.put(page.getKey(), Map.of("medianMs", sorted.get(sorted.size() / 2), "maxMs", sorted.getLast(), "loads", millis));
      }
    }
    String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
    System.out.println("Page load timing: " + json);
    Files.createDirectories(Path.of("target/ui-smoke"));
    Files.writeString(Path.of("target/ui-smoke/page-load.json"), json);
  }
}
