package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dnsmesh.contracts.DataContractsTest.lineOf;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SamplingDeclarationTest {

    /** The base fixture's object (customProperties 0 partitioning, 1 kafkaTopic) plus a sampling entry at index 2. */
    static final String VALID = String.join("\n",
            "      - property: sampling",
            "        value:",
            "          rate: 0.1",
            "          rateColumn: score",
            "          strata: [tld, protocol]",
            "          strataRates:",
            "            - when: {tld: arpa}",
            "              rate: 0.01",
            "          keepAll:",
            "            qname: [example.com]",
            "            protocol: [doh]",
            "          salt: s1",
            "");

    static String withSampling(String sampling) {
        return TestContracts.edit("        value: dns.base.raw\n", "        value: dns.base.raw\n" + sampling);
    }

    @Test
    void validDeclarationIsCleanAndBindsEveryPart() {
        String text = withSampling(VALID);
        assertThat(ContractValidator.validate(text, "c.yaml")).isEmpty();
        SamplingDeclaration declaration = SamplingDeclaration.of(DataContracts.parse(text, "c.yaml").schema().getFirst())
                .orElseThrow();
        assertThat(declaration.rate()).isEqualTo(0.1);
        assertThat(declaration.rateColumn()).isEqualTo("score");
        assertThat(declaration.keyColumn()).isEqualTo("event_id");
        assertThat(declaration.salt()).isEqualTo("s1");
        assertThat(declaration.strata()).containsExactly("tld", "protocol");
        assertThat(declaration.strataRates()).containsExactly(new SamplingDeclaration.StratumRate(Map.of("tld", "arpa"), 0.01));
        assertThat(declaration.keepAll()).isEqualTo(Map.of("qname", Set.of("example.com"), "protocol", Set.of("doh")));
    }

    @Test
    void objectWithoutSamplingHasNone() {
        assertThat(SamplingDeclaration.of(TestContracts.base().schema().getFirst())).isEmpty();
    }

    /** Each case: an edit of VALID, the JSON pointer the finding must name, the line fragment it must point at. */
    static Stream<Arguments> invalidDeclarations() {
        String at = "/schema/0/customProperties/2/value";
        return Stream.of(
                Arguments.of("rate: 0.1", "rate: 0", at + "/rate", "rate: 0"),
                Arguments.of("rate: 0.1", "rate: 1.5", at + "/rate", "rate: 1.5"),
                Arguments.of("rate: 0.1", "rate: ten", at + "/rate", "rate: ten"),
                Arguments.of("rateColumn: score", "rateColumn: weight", at + "/rateColumn", "rateColumn: weight"),
                Arguments.of("rateColumn: score", "rateColumn: qname", at + "/rateColumn", "rateColumn: qname"),
                Arguments.of("strata: [tld, protocol]", "strata: [tld, rcode]", at + "/strata/1", "strata: [tld, rcode]"),
                Arguments.of("strata: [tld, protocol]", "strata: [tld, tld]", at + "/strata/1", "strata: [tld, tld]"),
                Arguments.of("when: {tld: arpa}", "when: {qname: arpa}", at + "/strataRates/0/when/qname", "when: {qname: arpa}"),
                Arguments.of("              rate: 0.01", "              rate: 2", at + "/strataRates/0/rate", "rate: 2"),
                Arguments.of("qname: [example.com]", "rcode: [NXDOMAIN]", at + "/keepAll/rcode", "rcode: [NXDOMAIN]"),
                Arguments.of("protocol: [doh]", "protocol: [NULL]", at + "/keepAll/protocol/0", "protocol: [NULL]"),
                Arguments.of("protocol: [doh]", "protocol: []", at + "/keepAll/protocol", "protocol: []"),
                Arguments.of("salt: s1", "sallt: s1", at + "/sallt", "sallt: s1"),
                Arguments.of("          salt: s1\n", "          key: request_id\n", at + "/key", "key: request_id"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("invalidDeclarations")
    void invalidDeclarationIsRefusedNamingThePointer(String from, String to, String pointer, String lineFragment) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("fixture does not contain: " + from);
        }
        String text = withSampling(VALID.replace(from, to));
        List<Finding> findings = ContractValidator.validate(text, "c.yaml");
        assertThat(findings).as(findings.toString()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("sampling");
            assertThat(f.pointer()).isEqualTo(pointer);
            assertThat(f.line()).as(f.toString()).isEqualTo(lineOf(text, lineFragment));
        });
        // and whoever builds a sampler from it is refused too, with the same pointer
        assertThatThrownBy(() -> SamplingDeclaration.of(DataContracts.parse(text, "c.yaml").schema().getFirst()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pointer.substring(at().length()));
    }

    @Test
    void aMissingRateIsNamedAtTheDeclaration() {
        String text = withSampling(VALID.replace("          rate: 0.1\n", ""));
        assertThat(ContractValidator.validate(text, "c.yaml")).singleElement().satisfies(f -> {
            assertThat(f.pointer()).isEqualTo(at() + "/rate");
            assertThat(f.message()).contains("a rate is required");
            // the pointer does not exist; the finding sits on the declaration's value, the line after its key
            assertThat(f.line()).isEqualTo(lineOf(text, "property: sampling") + 1);
        });
    }

    @Test
    void aScalarIsNotADeclaration() {
        String text = withSampling("      - property: sampling\n        value: 0.1\n");
        assertThat(ContractValidator.validate(text, "c.yaml")).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("sampling");
            assertThat(f.pointer()).isEqualTo(at());
            assertThat(f.message()).contains("must be a map with rate and rateColumn");
        });
    }

    @Test
    void withoutAnEventIdTheKeyMustBeNamed() {
        String text = withSampling(VALID).replace("- name: event_id", "- name: request_id");
        assertThat(ContractValidator.validate(text, "c.yaml")).singleElement().satisfies(f -> {
            assertThat(f.pointer()).isEqualTo(at());
            assertThat(f.message()).contains("has no event_id to hash");
        });
        assertThat(ContractValidator.validate(text.replace("salt: s1", "key: request_id"), "c.yaml")).isEmpty();
    }

    private static String at() {
        return "/schema/0/customProperties/2/value";
    }
}
