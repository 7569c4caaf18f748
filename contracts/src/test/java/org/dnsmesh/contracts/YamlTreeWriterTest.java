package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dnsmesh.contracts.model.DataContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The YAML writer gives back what was read: types of number-like strings, nulls, order, comments. */
class YamlTreeWriterTest {

    /** A contract whose physicalType and a custom value are the given string (quoted in the source). */
    static String withString(String value) {
        String quoted = "'" + value.replace("'", "''") + "'";
        return TestContracts.BASE
                .replace("physicalType: timestamp(6)", "physicalType: " + quoted)
                .replace("version: 1.2.0", "version: 1.2.0\ncustomProperties:\n  - property: steward\n    value: " + quoted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9", "1_000", "1e3", "0x1F", "0o17", "1:30", ".inf", "-.5", "+1", "null", "~", "", "true",
        "False", "yes", "off", "2024-01-01", "2024-01-01T10:00:00Z", "007", "1.", " padded ", "a: b", "- x", "#x"})
    void numberLikeAndKeywordStringsStayStrings(String value) {
        String source = withString(value);
        assertThat(source).contains("physicalType: '");
        DataContract contract = DataContracts.parse(source, "s.yaml");
        String written = DataContracts.toYaml(contract);
        DataContract again = DataContracts.parse(written, "w.yaml");
        assertThat(again).isEqualTo(contract);
        JsonNode steward = DataContracts.source(written, "w.yaml").tree().at("/customProperties/0/value");
        assertThat(steward.isTextual()).as(written).isTrue();
        assertThat(steward.asText()).isEqualTo(value);
        assertThat(findingsWithoutPosition(written)).isEqualTo(findingsWithoutPosition(source));
    }

    @Test
    void requiredNullValueOfACustomPropertyIsKept() {
        String source = TestContracts.BASE.replace("version: 1.2.0", "version: 1.2.0\ncustomProperties:\n  - property: steward\n    value:\n");
        DataContract contract = DataContracts.parse(source, "n.yaml");
        String written = DataContracts.toYaml(contract);
        assertThat(written).contains("  - property: steward\n    value: null\n");
        assertThat(findingsWithoutPosition(written)).isEqualTo(findingsWithoutPosition(source));
    }

    @Test
    void numbersKeepTheirTypes() {
        String source = TestContracts.BASE.replace("version: 1.2.0", """
                version: 1.2.0
                customProperties:
                  - property: steward
                    value: [1000, 1.5, 1e3, 100.0, 12345678901234567890, -0.25]""");
        DataContract contract = DataContracts.parse(source, "n.yaml");
        String written = DataContracts.toYaml(contract);
        assertThat(DataContracts.source(written, "w").tree().at("/customProperties/0/value"))
                .isEqualTo(DataContracts.source(source, "s").tree().at("/customProperties/0/value"));
        assertThat(DataContracts.parse(written, "w")).isEqualTo(contract);
    }

    @Test
    void overItsOwnLayoutKeepsOrderNullsEmptyListsStylesAndComments() {
        String source = """
                # Owned by the DNS team
                kind: DataContract   # always this
                apiVersion: v3.1.0
                name: ordered
                id: c1
                version: 1.0.0
                status: active
                tags: []
                description:
                  purpose: >
                    Folded text that
                    spans lines.
                customProperties:
                  - property: steward
                    value:
                  - property: sunsetDate
                    value: '2027-01-01'
                schema:
                  - name: t
                    properties:
                      # the key
                      - name: id
                        logicalType: string
                        physicalType: '9'
                        examples: [1e3, 'x']
                team:
                  - username: alice
                """;
        DataContract contract = DataContracts.parse(source, "l.yaml");
        String written = DataContracts.toYaml(contract, source);
        assertThat(DataContracts.source(written, "w").tree()).isEqualTo(DataContracts.source(source, "s").tree());
        assertThat(written).startsWith("# Owned by the DNS team\nkind: DataContract # always this\napiVersion: v3.1.0\nname: ordered\n");
        assertThat(written).contains("tags: []", "purpose: >\n", "value:\n", "'2027-01-01'", "# the key",
                "physicalType: '9'", "examples: [1e3, 'x']", "team:\n  - username: alice");
    }

    @Test
    void anEditedContractKeepsTheLayoutOfWhatDidNotChange(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("datacontract.yaml");
        String source = "# header\n" + TestContracts.BASE;
        Files.writeString(file, source);
        DataContract contract = DataContracts.read(file);
        DataContract bumped = new DataContract(contract.apiVersion(), contract.kind(), contract.id(), contract.name(),
                "1.3.0", contract.status(), contract.tenant(), contract.domain(), contract.dataProduct(), contract.tags(),
                contract.description(), contract.schema(), contract.servers(), contract.team(), contract.roles(),
                contract.support(), contract.price(), contract.slaProperties(), contract.slaDefaultElement(),
                contract.authoritativeDefinitions(), contract.customProperties(), contract.contractCreatedTs());
        DataContracts.write(bumped, file);
        String written = Files.readString(file);
        assertThat(written).isEqualTo(source.replace("version: 1.2.0", "version: 1.3.0"));
    }

    static java.util.List<String> findingsWithoutPosition(String text) {
        return CorpusRoundTripTest.unlocated(ContractValidator.validate(text, "f.yaml"));
    }
}
