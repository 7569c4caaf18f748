package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataContractsTest {

    @Test
    void readsTheExampleIntoTheTypedModel() {
        DataContract contract = DataContracts.read(TestContracts.EXAMPLE);
        assertThat(contract.name()).isEqualTo("dns-resolver-queries");
        assertThat(contract.team().name()).isEqualTo("dns-resolution");
        assertThat(contract.servers()).extracting("type").containsExactly("trino", "custom", "kafka");
        SchemaProperty clientIp = contract.schemaObject("dns_queries").orElseThrow().property("client_ip").orElseThrow();
        assertThat(clientIp.classificationLevel()).contains(Classification.PII);
        assertThat(clientIp.requiredOrFalse()).isTrue();
        assertThat(contract.sla("freshness")).get().extracting("unit").isEqualTo("m");
    }

    @Test
    void yamlRoundTripGivesAnEqualModel() {
        DataContract contract = DataContracts.read(TestContracts.EXAMPLE);
        DataContract again = DataContracts.parse(DataContracts.toYaml(contract), "again.yaml");
        assertThat(again).isEqualTo(contract);
        assertThat(ContractValidator.validate(contract, "in-memory")).isEmpty();
    }

    @Test
    void jsonRoundTripGivesAnEqualModel(@TempDir Path dir) {
        DataContract contract = DataContracts.read(TestContracts.EXAMPLE);
        Path json = dir.resolve("contract.json");
        DataContracts.write(contract, json);
        assertThat(DataContracts.read(json)).isEqualTo(contract);
        // The written JSON is still a valid ODCS document.
        assertThat(ContractValidator.validate(json)).isEmpty();
    }

    @Test
    void writtenYamlStaysValid(@TempDir Path dir) {
        Path yaml = dir.resolve("datacontract.yaml");
        DataContracts.write(DataContracts.read(TestContracts.EXAMPLE), yaml);
        assertThat(ContractValidator.validate(yaml)).isEmpty();
    }

    @Test
    void readsTheDeprecatedTeamArrayAndWritesTheObjectForm() {
        String old = TestContracts.edit("team:\n  name: dns-team\n", "team:\n  - username: alice\n    role: owner\n");
        DataContract contract = DataContracts.parse(old, "old-team.yaml");
        assertThat(contract.team().members()).extracting("username").containsExactly("alice");
        assertThat(DataContracts.toYaml(contract)).contains("team:\n  members:");
    }

    @Test
    void wrongTypeFailsWithLocation() {
        String text = TestContracts.edit("    port: 8080", "    port: eighty");
        assertThatThrownBy(() -> DataContracts.parse(text, "bad.yaml"))
                .isInstanceOf(ContractReadException.class)
                .satisfies(e -> {
                    Finding finding = ((ContractReadException) e).findings().getFirst();
                    assertThat(finding.pointer()).isEqualTo("/servers/0/port");
                    assertThat(finding.line()).isEqualTo(lineOf(text, "port: eighty"));
                    assertThat(finding.column()).isEqualTo(5);
                });
    }

    @Test
    void unknownFieldFailsWithLocation() {
        String text = TestContracts.edit("    physicalName: events\n", "    physicalName: events\n    colour: blue\n");
        assertThatThrownBy(() -> DataContracts.parse(text, "bad.yaml"))
                .isInstanceOf(ContractReadException.class)
                .hasMessageContaining("bad.yaml:" + lineOf(text, "colour: blue") + ":5")
                .hasMessageContaining("colour");
    }

    @Test
    void jsonContractsAreValidatedWithLineNumbers() {
        String json = "{\n  \"apiVersion\": \"v3.1.0\",\n  \"kind\": \"DataContract\",\n  \"id\": \"x\",\n"
                + "  \"version\": \"1.0\",\n  \"status\": \"active\",\n  \"team\": {\"name\": \"t\"}\n}\n";
        assertThat(ContractValidator.validate(json, "c.json")).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("semver");
            assertThat(f.line()).isEqualTo(5);
            assertThat(f.column()).isEqualTo(3);
        });
    }

    static int lineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("not found: " + fragment);
    }
}
