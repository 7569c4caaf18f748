package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile or broken input: each fails with a clear, located finding and within bounded time and memory. */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard, not a performance assertion
class MalformedInputTest {

    @Test
    void syntaxErrorIsLocated() {
        List<Finding> findings = ContractValidator.validate("apiVersion: v3.1.0\nkind: [DataContract\nid: x\n", "broken.yaml");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("yaml");
            assertThat(f.message()).startsWith("YAML syntax error");
            assertThat(f.line()).isEqualTo(3);
        });
    }

    @Test
    void badIndentationIsLocated() {
        List<Finding> findings = ContractValidator.validate("apiVersion: v3.1.0\nteam:\n  name: a\n bad: b\n", "indent.yaml");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.toString()).startsWith("indent.yaml:4:");
        });
    }

    @Test
    void tabsAreASyntaxError() {
        assertThat(ContractValidator.validate("apiVersion: v3.1.0\nteam:\n\tname: a\n", "tabs.yaml"))
                .singleElement().extracting(Finding::line).isEqualTo(3);
    }

    @Test
    void wrongTypesAreReportedBySchemaAndStopBinding() {
        String text = TestContracts.edit("        required: true\n        unique: true", "        required: \"yes\"\n        unique: 1");
        List<Finding> findings = ContractValidator.validate(text, "types.yaml");
        assertThat(findings).extracting(Finding::pointer).contains("/schema/0/properties/0/required", "/schema/0/properties/0/unique");
        assertThat(findings).allSatisfy(f -> assertThat(f.line()).isPositive());
    }

    @Test
    void yamlOneOneBooleansStayStrings() {
        // "yes" is a boolean in YAML 1.1; we follow YAML 1.2 so it is the string it looks like.
        String text = TestContracts.edit("        required: true\n        unique: true", "        required: yes\n        unique: true");
        assertThat(ContractValidator.validate(text, "yes.yaml")).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("string found, boolean expected"));
    }

    @Test
    void unknownFieldsAreNamed() {
        String text = TestContracts.edit("status: active\n", "status: active\nowner: someone\n");
        assertThat(ContractValidator.validate(text, "unknown.yaml")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("unknown field 'owner'");
            assertThat(f.line()).isEqualTo(7);
            assertThat(f.column()).isEqualTo(1);
        });
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThat(ContractValidator.validate("apiVersion: v3.1.0\nkind: DataContract\nkind: DataContract\n", "dup.yaml"))
                .singleElement().satisfies(f -> {
                    assertThat(f.message()).contains("duplicate key 'kind'");
                    assertThat(f.line()).isEqualTo(3);
                });
    }

    @Test
    void emptyAndScalarDocuments() {
        assertThat(ContractValidator.validate("", "empty.yaml")).singleElement().extracting(Finding::message).isEqualTo("document is empty");
        assertThat(ContractValidator.validate("just text", "scalar.yaml")).isNotEmpty();
        assertThatThrownBy(() -> DataContracts.parse("[1, 2]", "list.yaml")).isInstanceOf(ContractReadException.class);
    }

    @Test
    void multipleDocumentsAreRejected() {
        assertThat(ContractValidator.validate("a: 1\n---\nb: 2\n", "multi.yaml")).singleElement()
                .extracting(Finding::rule).isEqualTo("yaml");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "a: ".repeat(1) + "[".repeat(5_000) + "]".repeat(5_000);
        assertThat(ContractValidator.validate(deep, "deep.yaml")).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("yaml");
            assertThat(f.message()).containsIgnoringCase("nesting");
        });
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            block.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        assertThat(ContractValidator.validate(block.toString(), "deep-block.yaml")).singleElement()
                .extracting(Finding::rule).isEqualTo("yaml");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            String ref = "*a" + (i - 1);
            text.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, ref))).append("]\n");
        }
        assertThat(ContractValidator.validate(text.toString(), "laughs.yaml")).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("yaml");
            assertThat(f.message()).containsAnyOf("aliases", "nodes");
        });
    }

    @Test
    void recursiveAliasIsRefused() {
        assertThat(ContractValidator.validate("a: &x [1, *x]\n", "recursive.yaml")).singleElement()
                .extracting(Finding::rule).isEqualTo("yaml");
    }

    @Test
    void hugeDocumentIsRefused() {
        String huge = "description:\n  purpose: \"" + "x".repeat(YamlTreeReader.MAX_CODE_POINTS + 10) + "\"\n";
        assertThat(ContractValidator.validate(huge, "huge.yaml")).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("yaml");
            assertThat(f.message()).containsAnyOf("limit", "exceeds");
        });
    }

    @Test
    void manySmallNodesWithinLimitsStillValidate() {
        // 300 properties: wide but legitimate; must be handled, not refused.
        StringBuilder properties = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            properties.append("      - name: c").append(i).append("\n        logicalType: string\n        classification: public\n");
        }
        String text = "apiVersion: v3.1.0\nkind: DataContract\nid: big\nversion: 1.0.0\nstatus: active\nteam:\n  name: t\n"
                + "schema:\n  - name: wide\n    properties:\n" + properties;
        assertThat(ContractValidator.validate(text, "wide.yaml")).isEmpty();
    }

    @Test
    void invalidUtf8FileIsReadWithoutCrash(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("bin.yaml");
        java.nio.file.Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28, 'a', ':', ' ', '1'});
        assertThat(ContractValidator.validate(file)).isNotEmpty();
    }
}
