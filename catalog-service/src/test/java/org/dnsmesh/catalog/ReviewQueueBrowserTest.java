package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reviewers' and analysts' journeys in a real headless Chromium (Debian's {@code chromium}, driven over the
 * DevTools protocol): a steward approves a contract change from the review queue; the author of a change, and a
 * steward who asked for access, are refused when they try to approve their own; an analyst who is refused a
 * product asks for access from the page, a steward of its domain approves it in the queue, and the product page
 * opens for the analyst. Skipped, saying how to install the browser, where none is installed.
 */
@QuarkusTest
@TestProfile(ReviewQueueBrowserTest.CopiedPolicy.class)
class ReviewQueueBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  public static class CopiedPolicy extends CopiedPolicyProfile {
    public CopiedPolicy() {
      super("review-queue-browser-test");
    }
  }

  @TestHTTPResource("/")
  URL base;

  private Path chromium;

  @BeforeEach
  void browser() {
    chromium = ChromeDevTools.executable().orElse(null);
    Assumptions.assumeTrue(chromium != null,
        "no Chromium at /usr/bin/chromium (or $CHROMIUM): install it with `apt-get install chromium`; browser journeys skipped");
  }

  private static String contract(String name) {
    try (InputStream in = ReviewQueueBrowserTest.class.getResourceAsStream("/governance/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String proposeContract(String principal, String product, String file) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/yaml")
        .body(contract(file).getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/products/na/" + product + "/changes")
        .then().statusCode(201).extract().jsonPath().getString("id");
  }

  private static void approve(String principal, String id) {
    given().auth().oauth2(DevTokens.of(principal)).contentType("application/json").body(Map.of("comment", "ok"))
        .when().post("/api/v1/changes/" + id + "/approve").then().statusCode(200);
  }

  /** An na product whose first contract version went through review, and its next (MINOR) version proposed by alice. */
  private static String[] productWithPendingMinorChange() {
    String product = "resolver_" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json").body("""
        {"domain":"na","name":"%s","description":"resolver queries","ownerTeam":"na-resolvers","status":"active",
         "outputPorts":[{"namespace":"%s","table":"queries"}]}""".formatted(product, product))
        .when().post("/api/v1/products").then().statusCode(200);
    String first = proposeContract("alice", product, "resolver-1.0.0.yaml");
    approve("steward-na", first);
    approve("governance", first);
    return new String[] {product, proposeContract("alice", product, "resolver-1.1.0.yaml")};
  }

  private static String securityProduct() {
    int created = given().auth().oauth2(DevTokens.of("admin")).contentType("application/json")
        .body("{\"name\":\"security\",\"ownerTeam\":\"security-ops\"}").when().post("/api/v1/domains").then().extract().statusCode();
    assertThat(created).isIn(200, 201, 409);
    String name = "registrar_" + UUID.randomUUID().toString().substring(0, 8);
    String publisher = DevTokens.of("publisher-security");
    given().auth().oauth2(publisher).contentType("application/json").body("{\"domain\":\"security\",\"name\":\"" + name + "\","
        + "\"description\":\"Registrar and DNS-change events\",\"ownerTeam\":\"security-ops\","
        + "\"outputPorts\":[{\"namespace\":\"" + name + "\",\"table\":\"events\"}]}")
        .when().post("/api/v1/products").then().statusCode(200);
    given().auth().oauth2(publisher).contentType("application/json").body(TestContracts.firstPublication("security", name, "events"))
        .when().post("/api/v1/products/security/" + name + "/contracts").then().statusCode(201);
    return name;
  }

  private static void signIn(ChromeDevTools browser, String principal) throws Exception {
    assertThat(browser.awaitTrue("document.readyState === 'complete' && document.getElementById('token-input') !== null", WAIT))
        .as("the page loaded").isEmpty();
    browser.evaluate("document.getElementById('token-input').value = '" + DevTokens.of(principal) + "';"
        + " document.getElementById('token-form').requestSubmit(); true");
    assertThat(browser.awaitTrue("document.getElementById('whoami').textContent.includes('signed in as " + principal + "')", WAIT))
        .as("signed in as " + principal).isEmpty();
  }

  private static String card(String id) {
    return "document.querySelector('[data-change=\"" + id + "\"]')";
  }

  /** Opens the queue, waits for the change's card, types a comment and presses approve or reject. */
  private static void decide(ChromeDevTools browser, String id, String verdict, String comment) throws Exception {
    // a new hash renders the queue; the same hash (after signing in, which re-renders the page) renders it again
    browser.evaluate("if (location.hash !== '#/reviews?state=submitted') { location.hash = '#/reviews?state=submitted'; }"
        + " else { route(); } true");
    assertThat(browser.awaitTrue(card(id) + " !== null && " + card(id) + ".querySelector('.change-trail table') !== null", WAIT))
        .as("card of " + id + " with its audit trail").isEmpty();
    browser.evaluate(card(id) + ".querySelector('textarea.review-comment').value = '" + comment + "'; "
        + card(id) + ".querySelector('button." + verdict + "').click(); true");
  }

  @Test
  void aStewardApprovesAChangeAndAuthorsAreRefusedTheirOwn() throws Exception {
    String[] pending = productWithPendingMinorChange();
    String product = pending[0];
    String change = pending[1];
    String ownRequest = given().auth().oauth2(DevTokens.of("nora")).contentType("application/json")
        .body(Map.of("domain", "na", "product", product, "purpose", "look at the new column", "duration", "P1D"))
        .when().post("/api/v1/access-requests").then().statusCode(201).extract().jsonPath().getString("id");

    try (ChromeDevTools browser = new ChromeDevTools(chromium)) {
      browser.navigate(base + "ui/#/reviews");
      signIn(browser, "alice");
      decide(browser, change, "approve", "my own change");
      assertThat(browser.awaitTrue(card(change) + ".querySelector('.review-outcome [role=alert]').textContent.includes('403')",
          WAIT)).as("the author of the change is refused").isEmpty();

      signIn(browser, "nora");
      String shown = browser.awaitTrue("['MINOR', 'policy-lint', 'impact-analysis', 'stewards 0/1', 'alice',"
          + " 'change.submitted', 'change.proposed'].every(t => " + card(change) + ".innerText.includes(t))", WAIT);
      assertThat(shown).as("the card shows compatibility, checks, impact, quorum, author and the audit trail").isEmpty();
      // the diff loads after the card: wait for it rather than read it once (it raced under load)
      assertThat(browser.awaitTrue("(" + card(change) + ".querySelector('.change-diff pre')?.textContent ?? '').trim()"
          + ".length > 0", WAIT)).as("the rendered diff of 1.0.0 -> 1.1.0").isEmpty();
      decide(browser, ownRequest, "approve", "my own request");
      assertThat(browser.awaitTrue(card(ownRequest) + ".querySelector('.review-outcome [role=alert]').textContent"
          + ".includes('nora is the author')", WAIT)).as("a steward never approves her own access request").isEmpty();

      decide(browser, change, "approve", "fine for na");
      assertThat(browser.awaitTrue(card(change) + ".querySelector('.review-outcome').textContent.includes('now PUBLISHED')", WAIT))
          .as("a steward of na approves the MINOR change").isEmpty();
    }
    given().auth().oauth2(DevTokens.of("nora")).when().get("/api/v1/changes/" + change).then().statusCode(200)
        .body("state", equalTo("PUBLISHED")).body("reviews[0].reviewer", equalTo("nora"))
        .body("reviews[0].comment", equalTo("fine for na"));
    given().auth().oauth2(DevTokens.of("nora")).when().get("/api/v1/access-requests/" + ownRequest).then().statusCode(200)
        .body("state", equalTo("SUBMITTED")).body("reviews.size()", equalTo(0));
  }

  @Test
  void anAnalystRequestsAccessAndAStewardOfTheDomainApprovesIt() throws Exception {
    String product = securityProduct();
    String[] pending = productWithPendingMinorChange(); // for the screenshot: a contract change waiting too
    String shipped = Files.readString(CatalogTestEnvironment.POLICY_FILE, StandardCharsets.UTF_8);
    String policyChange = given().auth().oauth2(DevTokens.of("root")).contentType("application/yaml")
        .body(shipped.replace("\nversion: 1\n", "\nversion: 2\n").replace("\ngrants:\n",
            "\ngrants:\n  - to: {principal: li}\n    on: [security.detections]\n    privileges: [read]\n").getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/policy/changes").then().statusCode(201).extract().jsonPath().getString("id");
    try (ChromeDevTools browser = new ChromeDevTools(chromium)) {
      browser.navigate(base + "ui/");
      signIn(browser, "alan");
      browser.evaluate("location.hash = '#/product/security/" + product + "'; true");
      assertThat(browser.awaitTrue("document.querySelector('main [role=alert]') !== null"
          + " && document.querySelector('main [role=alert]').textContent.includes('403')", WAIT)).as("refused at first").isEmpty();
      browser.evaluate("[...document.querySelectorAll('main a')].find(a => a.textContent.startsWith('Request access')).click(); true");
      assertThat(browser.awaitTrue("document.querySelector('#access-form input[name=product]').value === '" + product + "'", WAIT))
          .as("the request form names the product").isEmpty();
      browser.evaluate("const f = document.getElementById('access-form'); f.purpose.value = 'fraud research on registrar changes';"
          + " f.duration.value = 'P7D'; f.requestSubmit(); true");
      assertThat(browser.awaitTrue("document.getElementById('access-outcome').textContent.includes('submitted: SUBMITTED')", WAIT))
          .isEmpty();
      String id = browser.evaluate("document.getElementById('access-outcome').textContent.match(/[0-9a-f-]{36}/)[0]").asText();
      assertThat(browser.awaitTrue("document.querySelector('[data-request=\"" + id + "\"]') !== null", WAIT))
          .as("listed among alan's requests").isEmpty();

      signIn(browser, "grace");
      browser.evaluate("location.hash = '#/reviews?state=submitted'; true");
      assertThat(browser.awaitTrue(card(id) + " !== null && " + card(pending[1]) + " !== null && " + card(policyChange)
          + ".querySelector('.change-diff pre').textContent.includes('+ grant') && "
          + "[...document.querySelectorAll('.change-trail')].every(t => t.querySelector('table'))"
          + " && [...document.querySelectorAll('.change-diff')].every(d => d.querySelector('pre'))", WAIT)).isEmpty();
      browser.screenshot(Path.of("target/ui-smoke/review-queue.png"));

      signIn(browser, "victor");
      decide(browser, id, "approve", "for the fraud study");
      assertThat(browser.awaitTrue(card(id) + ".querySelector('.review-outcome').textContent.includes('now PUBLISHED')", WAIT))
          .as("a steward of security approves").isEmpty();

      signIn(browser, "alan");
      browser.evaluate("location.hash = '#/product/security/" + product + "'; true");
      assertThat(browser.awaitTrue("document.querySelector('main').innerText.includes('Owner:')"
          + " && document.querySelector('main').innerText.includes('security-ops')", WAIT))
          .as("the product page opens for alan now").isEmpty();
      browser.evaluate("location.hash = '#/access'; true");
      assertThat(browser.awaitTrue("document.querySelector('[data-request=\"" + id + "\"]') !== null && document.querySelector("
          + "'[data-request=\"" + id + "\"]').textContent.includes('reads until')", WAIT)).as("the grant and its expiry").isEmpty();
    }
    assertThat(Files.size(Path.of("target/ui-smoke/review-queue.png"))).isPositive();
  }
}
