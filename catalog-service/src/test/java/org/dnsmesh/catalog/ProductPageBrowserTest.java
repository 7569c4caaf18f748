package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's product page in a real headless Chromium: an analyst sees the masked columns marked masked (with
 * the mask) and only her region's rows, a steward of the domain sees them clear; the quality trend charts are drawn
 * by ECharts with the monitor's points; two contract versions are diffed; a slow answer for a page the user already
 * left does not overwrite the newer page. Skipped, saying how to install the browser, where none is installed.
 */
@QuarkusTest
@TestProfile(ConsumerViewApiTest.CopiedPolicy.class)
class ProductPageBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int HOURS = 12;

  @TestHTTPResource("/")
  URL base;

  private Path chromium;

  @BeforeEach
  void browser() {
    chromium = ChromeDevTools.executable().orElse(null);
    Assumptions.assumeTrue(chromium != null,
        "no Chromium at /usr/bin/chromium (or $CHROMIUM): install it with `apt-get install chromium`; browser journeys skipped");
  }

  private static void signIn(ChromeDevTools browser, String principal) throws Exception {
    assertThat(browser.awaitTrue("document.readyState === 'complete' && document.getElementById('token-input') !== null", WAIT))
        .as("the page loaded").isEmpty();
    browser.evaluate("document.getElementById('token-input').value = '" + DevTokens.of(principal) + "';"
        + " document.getElementById('token-form').requestSubmit(); true");
    assertThat(browser.awaitTrue("document.getElementById('whoami').textContent.includes('signed in as " + principal + "')", WAIT))
        .as("signed in as " + principal).isEmpty();
  }

  private static String cell(String column) {
    return "(document.querySelector('#consumer-view tr[data-column=\"" + column + "\"] td:last-child') || {}).textContent";
  }

  /** {@link #HOURS} hours of the monitor's results for the product's table, and an open freshness alert. */
  private static void monitorResults(String product) throws Exception {
    String table = "na." + product + ".queries";
    Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS));
    try (Connection db = ConsumerViewApiTest.monitorDatabase()) {
      for (int h = 0; h < HOURS; h++) {
        Instant at = first.plus(Duration.ofHours(h)).plusSeconds(90);
        double added = h == HOURS - 2 ? 20.0 : 100.0 + 3 * (h % 4);
        ConsumerViewApiTest.insert(db, product, table, "volume", added < 60 ? "BREACHED" : "OK", at,
            Map.of("added_records", added, "expected_records", 101.0, "band_lower", 61.0, "band_upper", 141.0));
        double lag = h >= HOURS - 2 ? 5400.0 : 300.0 + 10 * h;
        ConsumerViewApiTest.insert(db, product, table, "freshness", lag > 3600 ? "BREACHED" : "OK", at,
            Map.of("commit_age_seconds", lag, "event_age_seconds", lag + 60));
        ConsumerViewApiTest.insert(db, product, table, "record_drift", "OK", at, Map.of("quarantine_rate", 0.001 * (h % 3)));
      }
      try (PreparedStatement alert = db.prepareStatement("INSERT INTO quality.open_alert (product, table_name, check_name,"
          + " alert_id, opened_at, summary) VALUES (?, ?, 'freshness', ?, ?, 'no commit for 90 minutes (SLA: 1 hour)')")) {
        alert.setString(1, "na." + product);
        alert.setString(2, table);
        alert.setString(3, "alert-" + product);
        alert.setTimestamp(4, Timestamp.from(first.plus(Duration.ofHours(HOURS - 2))));
        alert.executeUpdate();
      }
    }
  }

  /** Number of non-null points of the chart drawn for {@code check} (-1 when no chart or canvas is there). */
  private static String chartPoints(String check) {
    return "(() => { const box = document.querySelector('.trend-chart[data-check=\"" + check + "\"]');"
        + " const chart = box && window.echarts && echarts.getInstanceByDom(box);"
        + " if (!chart || !box.querySelector('canvas')) return -1;"
        + " return chart.getOption().series.map(s => s.data.filter(p => p[1] !== null).length).reduce((a, b) => a + b, 0); })()";
  }

  @Test
  void anAnalystSeesMaskedColumnsAStewardSeesThemClearAndTheTrendsAreDrawn() throws Exception {
    String product = ConsumerViewApiTest.resolverProduct();
    ConsumerViewApiTest.publishMinorVersion(product);
    monitorResults(product);
    try (ChromeDevTools browser = new ChromeDevTools(chromium)) {
      browser.navigate(base + "ui/");
      signIn(browser, "ana");
      browser.evaluate("location.hash = '#/product/na/" + product + "'; true");
      assertThat(browser.awaitTrue(cell("client_ip") + " === 'masked (ipv4-prefix-24)' && " + cell("qname")
          + " === 'masked (nullify)' && " + cell("ts") + " === 'clear' && " + cell("region") + " === 'clear'", WAIT))
          .as("ana sees the pii and internal columns masked, with the mask named").isEmpty();
      assertThat(browser.evaluate("document.querySelector('#consumer-view .row-filter').textContent").asText())
          .isEqualTo("only rows where region = 'eu'");
      assertThat(browser.evaluate("document.querySelector('#consumer-view pre.sample-query').textContent").asText())
          .contains("client_ip,  -- masked for you: ipv4-prefix-24").contains("FROM na." + product + ".queries");
      assertThat(browser.evaluate("document.querySelector('table.sla').innerText").asText()).contains("1 hour").contains("30 days");

      // volume: added + median per hour, band lower and width per hour; freshness: commit and event age; drift: one
      assertThat(browser.awaitTrue("['volume', 'freshness', 'record_drift'].every(c => { const box ="
          + " document.querySelector('.trend-chart[data-check=\"' + c + '\"]'); return box && box.querySelector('canvas')"
          + " && echarts.getInstanceByDom(box); })", WAIT)).as("three trend charts drawn").isEmpty();
      assertThat(List.of(browser.evaluate(chartPoints("volume")).asInt(), browser.evaluate(chartPoints("freshness")).asInt(),
          browser.evaluate(chartPoints("record_drift")).asInt())).as("points drawn per chart")
          .containsExactly(4 * HOURS, 2 * HOURS, HOURS);
      assertThat(browser.evaluate("document.querySelector('.open-alerts').innerText").asText())
          .contains("freshness").contains("no commit for 90 minutes");
      // freshness breached in the last 2 of 12 hours: 10 of 12 -> 83.3 %
      assertThat(browser.evaluate("document.querySelector('table.compliance tr[data-check=\"freshness\"]').innerText").asText())
          .contains("83.3 % (10 of 12 h)");

      browser.evaluate("document.querySelector('.version-diff').parentElement.querySelector('button[type=submit]').click(); true");
      assertThat(browser.awaitTrue("document.querySelector('.version-diff pre.diff') !== null"
          + " && document.querySelector('.version-diff').innerText.includes('1.0.0 → 1.1.0')"
          + " && document.querySelector('.version-diff').innerText.includes('MINOR')"
          + " && document.querySelector('.version-diff').innerText.includes('qtype')", WAIT)).as("rendered diff").isEmpty();
      browser.evaluate("window.scrollTo(0, 0); true");
      browser.screenshot(Path.of("target/ui-smoke/product-page-consumer.png"));

      signIn(browser, "nora");
      assertThat(browser.awaitTrue(cell("client_ip") + " === 'clear' && " + cell("qname") + " === 'clear'"
          + " && document.querySelector('#consumer-view').innerText.includes('all rows')", WAIT))
          .as("a steward of na sees every column clear and every row").isEmpty();
    }
  }

  @Test
  void aSlowAnswerForAPageAlreadyLeftDoesNotOverwriteTheNewerPage() throws Exception {
    String product = ConsumerViewApiTest.resolverProduct();
    try (ChromeDevTools browser = new ChromeDevTools(chromium)) {
      browser.navigate(base + "ui/");
      signIn(browser, "ana");
      // the product's reads answer 1.5 s late; the user moves on to the domains page at once
      browser.evaluate("const realFetch = window.fetch; window.fetch = (url, options) => String(url).includes('/products/na/')"
          + " ? new Promise(resolve => setTimeout(resolve, 1500)).then(() => realFetch(url, options)) : realFetch(url, options);"
          + " location.hash = '#/product/na/" + product + "'; setTimeout(() => { location.hash = '#/domains'; }, 100); true");
      assertThat(browser.awaitTrue("document.querySelector('main h2') && document.querySelector('main h2').textContent === 'Domains'"
          + " && document.querySelector('main').innerText.includes('Warehouse')", WAIT)).isEmpty();
      Thread.sleep(3000); // the product's answers have arrived by now
      assertThat(browser.evaluate("document.querySelector('main h2').textContent").asText()).isEqualTo("Domains");
    }
  }
}
