package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The web UI: its static assets are served without a token, and the API calls app.js makes (domains,
 * search, product page, contract version, dev login) answer with a token and 401 without.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class WebUiTest {

  @Test
  void assetsArePublicAndTheRootRedirectsToTheUi() {
    given().when().get("/ui/").then().statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("DNS Data Mesh catalog"), containsString("app.js"));
    given().when().get("/ui/app.js").then().statusCode(200)
        .body(containsString("\"Bearer \" + token()"), containsString("/api/v1/products"));
    given().when().get("/ui/app.css").then().statusCode(200);
    for (String path : new String[] {"/", "/ui"}) {
      given().redirects().follow(false).when().get(path).then()
          .statusCode(302).header("Location", endsWith("/ui/"));
    }
  }

  @Test
  void principalListingNeedsAToken() {
    given().when().get("/api/v1/auth/dev-principals").then().statusCode(401)
        .body("error.message", containsString("missing token"));
    given().auth().oauth2(DevTokens.of("ana")).when().get("/api/v1/auth/dev-principals").then().statusCode(200)
        .body("name", hasItems("ana", "alice", "root", "analyst", "publisher-na"))
        .body("find { it.name == 'alice' }.roles", equalTo(java.util.List.of("publisher")))
        .body("find { it.name == 'alice' }.domains", equalTo(java.util.List.of("na")));
  }

  @Test
  void theUisApiCallsWorkWithATokenOnly() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body("""
        {"domain":"eu","name":"ui_probe","description":"Edge cache answers seen by the UI test","ownerTeam":"eu-edge",
         "ownerContact":"edge@eu.example","tags":["dns","ui"],"status":"active","classification":"internal",
         "sla":{"freshness":"PT1H"},"outputPorts":[{"namespace":"edge","table":"ui_probe"}],"columns":[{"name":"qname"}]}
        """).when().post("/api/v1/products").then().statusCode(200);
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.firstPublication("eu", "ui_probe", "ui_probe"))
        .when().post("/api/v1/products/eu/ui_probe/contracts").then().statusCode(201);

    String analyst = DevTokens.of("ana");
    given().auth().oauth2(analyst).when().get("/api/v1/domains").then().statusCode(200).body("name", hasItem("eu"));
    given().auth().oauth2(analyst).queryParam("limit", "100").queryParam("q", "edge cache answers")
        .when().get("/api/v1/products").then().statusCode(200).body("name", hasItem("ui_probe"));
    given().auth().oauth2(analyst).queryParam("limit", "100").queryParam("domain", "eu").queryParam("status", "active")
        .when().get("/api/v1/products").then().statusCode(200).body("name", hasItem("ui_probe"));
    given().auth().oauth2(analyst).when().get("/api/v1/products/eu/ui_probe?depth=3").then().statusCode(200)
        .body("product.ownerTeam", equalTo("eu-edge"))
        .body("product.sla.freshness", equalTo("PT1H"))
        .body("contracts.version", hasItem("1.0.0"))
        .body("outputTables[0].table", equalTo("ui_probe"))
        .body("qualityStatus", equalTo("unknown"))
        .body("lineage[0].root", equalTo("dataset:eu:edge.ui_probe"));
    given().auth().oauth2(analyst).when().get("/api/v1/products/eu/ui_probe/contracts/1.0.0").then().statusCode(200)
        .body("document", containsString("DataContract"));

    for (String path : new String[] {"/api/v1/domains", "/api/v1/products?limit=100", "/api/v1/products/eu/ui_probe?depth=3"}) {
      given().when().get(path).then().statusCode(401);
    }
    // a principal the policy gives nothing in eu sees no product page there, nor the product in search results
    String kenji = DevTokens.of("kenji");
    given().auth().oauth2(kenji).when().get("/api/v1/products/eu/ui_probe?depth=3").then().statusCode(403);
    given().auth().oauth2(kenji).queryParam("q", "edge cache answers").when().get("/api/v1/products").then()
        .statusCode(200).body("name", org.hamcrest.Matchers.not(hasItem("ui_probe")));
  }
}
