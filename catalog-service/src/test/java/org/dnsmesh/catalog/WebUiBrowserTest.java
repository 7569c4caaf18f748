package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Headless smoke of the web UI in a real browser: dev login as ana, a product page with owner, contract,
 * output table and lineage, a search. Skipped (not failed) where no Chromium is installed.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class WebUiBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TestHTTPResource("/")
  URL base;

  @Test
  void tokenLoginProductPageAndSearchRenderInChromium() throws Exception {
    Path chromium = ChromeDevTools.executable().orElse(null);
    Assumptions.assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium (or $CHROMIUM): browser smoke skipped");
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body("""
        {"domain":"eu","name":"browser_probe","description":"Resolver answers rendered by the browser smoke",
         "ownerTeam":"eu-edge","ownerContact":"edge@eu.example","tags":["dns"],"status":"active",
         "sla":{"freshness":"PT1H"},"outputPorts":[{"namespace":"browser_smoke","table":"browser_probe"}]}
        """).when().post("/api/v1/products").then().statusCode(200);
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.firstPublication("eu", "browser_probe", "browser_probe"))
        .when().post("/api/v1/products/eu/browser_probe/contracts").then().statusCode(201);

    // the output table (empty: no snapshot yet) and its lineage: a Kafka topic feeds it, a rollup reads it
    given().auth().oauth2(publisher).contentType("application/json").body("{\"namespace\":[\"browser_smoke\"]}")
        .when().post("/iceberg/v1/eu/namespaces").then().statusCode(200);
    given().auth().oauth2(publisher).contentType("application/json")
        .body("{\"name\":\"browser_probe\",\"schema\":{\"type\":\"struct\",\"schema-id\":0,\"fields\":["
            + "{\"id\":1,\"name\":\"qname\",\"required\":true,\"type\":\"string\"}]}}")
        .when().post("/iceberg/v1/eu/namespaces/browser_smoke/tables").then().statusCode(200);
    lineage(publisher, "edge_ingest", "kafka", "eu.edge.raw", "browser_smoke.browser_probe");
    lineage(publisher, "edge_rollup", "eu", "browser_smoke.browser_probe", "browser_smoke.browser_probe_hourly");

    try (ChromeDevTools browser = new ChromeDevTools(chromium)) {
      browser.navigate(base + "ui/");
      assertThat(browser.awaitTrue("!document.getElementById('dev-login').hidden", WAIT))
          .as("the dev login (bootstrap secret) is offered when the operator turned it on").isEmpty();
      assertThat(browser.awaitTrue("document.body.innerText.includes('Not signed in (401')"
          + " && document.body.innerText.includes('missing token')", WAIT))
          .as("without a token the API answers 401 and the page says why").isEmpty();

      // a token from ./mesh token (here: signed with the test installation's key), pasted into the page
      browser.evaluate("document.getElementById('token-input').value = '" + DevTokens.of("ana") + "';"
          + " document.getElementById('token-form').requestSubmit(); true");
      assertThat(browser.awaitTrue("document.getElementById('whoami').textContent.includes('signed in as ana')", WAIT))
          .isEmpty();

      browser.evaluate("location.hash = '#/product/eu/browser_probe'; true");
      String missing = browser.awaitTrue("['Owner:', 'eu-edge', 'PT1H', '1.0.0', 'eu.browser_smoke.browser_probe', 'none yet',"
          + " 'jobeu:edge_ingest', 'datasetkafka:eu.edge.raw', 'jobeu:edge_rollup', 'dataseteu:browser_smoke.browser_probe_hourly']"
          + ".every(text => document.querySelector('main').innerText.includes(text))", WAIT);
      assertThat(missing).as("product page").isEmpty();
      // the lineage graph is drawn by ECharts from the same graph: topic -> ingest job -> table -> rollup -> hourly
      String drawn = browser.awaitTrue("(() => { const box = document.querySelector('.lineage-graph');"
          + " const chart = box && window.echarts && echarts.getInstanceByDom(box);"
          + " if (!chart || !box.querySelector('canvas')) return false;"
          + " const names = chart.getOption().series[0].data.map(d => d.name);"
          + " return names.length === 5 && ['kafka:eu.edge.raw', 'eu:edge_ingest', 'eu:edge_rollup',"
          + " 'eu:browser_smoke.browser_probe_hourly'].every(n => names.includes(n))"
          + " && chart.getOption().series[0].links.length === 4; })()", WAIT);
      assertThat(drawn).as("lineage graph drawn").isEmpty();
      browser.screenshot(Path.of("target/ui-smoke/product-page.png"));

      browser.evaluate("location.hash = '#/search?q=browser'; true");
      assertThat(browser.awaitTrue("document.querySelector('#results a') &&"
          + " document.querySelector('#results a').textContent === 'browser_probe'", WAIT)).as("search").isEmpty();
      browser.evaluate("location.hash = '#/domains'; true");
      assertThat(browser.awaitTrue("document.querySelector('main').innerText.includes('Warehouse')", WAIT)).isEmpty();
    }
  }

  private static void lineage(String token, String job, String inputNamespace, String input, String output) {
    String event = "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-11-23T10:00:00.000Z\","
        + "\"producer\":\"https://github.com/dnsmesh\","
        + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
        + "\"run\":{\"runId\":\"" + java.util.UUID.randomUUID() + "\"},\"job\":{\"namespace\":\"eu\",\"name\":\"" + job + "\"},"
        + "\"inputs\":[{\"namespace\":\"" + inputNamespace + "\",\"name\":\"" + input + "\"}],"
        + "\"outputs\":[{\"namespace\":\"eu\",\"name\":\"" + output + "\"}]}";
    given().auth().oauth2(token).contentType("application/json").body(event)
        .when().post("/api/v1/lineage").then().statusCode(201);
  }
}
