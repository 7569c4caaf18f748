package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/**
 * Writer schemas that share a CRC-64 (the canonical form drops logical types) but decode differently: the
 * registry refuses the second for the same product and never serves one in place of the other.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class SchemaIdentityApiTest {
  private static final String SCALE_2 = """
      {"type":"record","name":"Fee","namespace":"org.dnsmesh.eu","fields":[
        {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}}]}""";
  private static final String SCALE_3 = SCALE_2.replace("\"scale\":2", "\"scale\":3");

  private static String product(String name) {
    return """
        {"domain":"eu","name":"%s","description":"fees","ownerTeam":"eu-auth","ownerContact":"dns@eu.example",
         "tags":["dns"],"status":"active","classification":"internal","sla":{},"outputPorts":[],"inputPorts":[],
         "columns":[]}""".formatted(name);
  }

  private static String contract(String version, String avro) {
    return "{\"version\":\"" + version + "\",\"document\":\"apiVersion: v3.1.0\\nkind: DataContract\\n\",\"avroSchema\":"
        + "\"" + avro.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
  }

  @Test
  void aSchemaWhoseCrc64CollidesWithAnotherOfTheSameProductIsRefusedWithTheReason() throws Exception {
    Schema two = new Schema.Parser().parse(SCALE_2);
    Schema three = new Schema.Parser().parse(SCALE_3);
    // precondition, computed by Avro: the two share the CRC-64 single-object messages carry
    assertThat(SchemaNormalization.parsingFingerprint64(two)).isEqualTo(SchemaNormalization.parsingFingerprint64(three));
    // expected hex: Avro's own fingerprint bytes (the specification's little-endian order)
    String crc = HexFormat.of().formatHex(SchemaNormalization.parsingFingerprint("CRC-64-AVRO", two));

    String publisher = DevTokens.of("publisher-eu");
    for (String name : new String[] {"fees_a", "fees_b"}) {
      given().auth().oauth2(publisher).contentType("application/json").body(product(name))
          .when().post("/api/v1/products").then().statusCode(200);
    }
    String identity = given().auth().oauth2(publisher).contentType("application/json").body(contract("1.0.0", SCALE_2))
        .when().post("/api/v1/products/eu/fees_a/contracts").then().statusCode(201)
        .body("fingerprint", equalTo(crc)).extract().path("fingerprint");
    assertThat(identity).isEqualTo(crc);

    // same product, same CRC-64, other scale: refused, saying why
    given().auth().oauth2(publisher).contentType("application/json").body(contract("1.1.0", SCALE_3))
        .when().post("/api/v1/products/eu/fees_a/contracts").then().statusCode(409)
        .body("error.message", containsString("CRC-64-AVRO fingerprint " + crc))
        .body("error.message", containsString("the same as version 1.0.0"))
        .body("error.message", containsString("Single-object encoded messages carry only the CRC-64"));
    // the same schema under a new version is fine
    given().auth().oauth2(publisher).contentType("application/json").body(contract("1.1.0", SCALE_2))
        .when().post("/api/v1/products/eu/fees_a/contracts").then().statusCode(201);

    // another product may use the other scale; the CRC-64 then names two schemas and is not answered with either
    given().auth().oauth2(publisher).contentType("application/json").body(contract("1.0.0", SCALE_3))
        .when().post("/api/v1/products/eu/fees_b/contracts").then().statusCode(201);
    String analyst = DevTokens.of("analyst");
    given().auth().oauth2(analyst).when().get("/api/v1/schemas/" + crc).then().statusCode(409)
        .body("error.message", containsString("names 2 different writer schemas"));

    // by identity (SHA-256 of the canonical form with logical types), each is served exactly
    String identityThree = sha256("{\"name\":\"org.dnsmesh.eu.Fee\",\"type\":\"record\",\"fields\":[{\"name\":\"amount\","
        + "\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":3}}]}");
    given().auth().oauth2(analyst).when().get("/api/v1/schemas/" + identityThree).then().statusCode(200)
        .body("identity", equalTo(identityThree))
        .body("fingerprint", equalTo(crc))
        .body("avroSchema", containsString("\"scale\":3"))
        .body("usedBy[0].product", equalTo("fees_b"));
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
