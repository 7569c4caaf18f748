package org.dnsmesh.contracts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionBumpCheckTest {

    @ParameterizedTest(name = "{0} -> {1} for {2}: {3}")
    @CsvSource({
        "1.2.0, 1.2.1, PATCH, true",
        "1.2.0, 1.3.0, PATCH, true",
        "1.2.0, 1.2.1, MINOR, false",
        "1.2.0, 1.3.0, MINOR, true",
        "1.2.0, 2.0.0, MINOR, true",
        "1.2.0, 1.2.1, MAJOR, false",
        "1.2.0, 1.3.0, MAJOR, false",
        "1.2.0, 2.0.0, MAJOR, true",
        "0.3.0, 0.4.0, MAJOR, true",
        "0.3.0, 0.3.1, MAJOR, false",
        "1.2.0, 1.2.0, NONE, true",
        "1.2.0, 1.2.0, PATCH, false",
        "1.2.0, 1.1.9, PATCH, false",
        "2.0.0, 1.9.9, NONE, false",
        "1.2.0, 1.2, PATCH, false",
        "1.0.0-rc.1, 1.0.0, PATCH, true"
    })
    void checks(String from, String to, ChangeClass required, boolean acceptable) {
        VersionBumpCheck check = VersionBumpCheck.check(from, to, required);
        assertThat(check.acceptable()).as(check.message()).isEqualTo(acceptable);
        assertThat(check.message()).isNotBlank();
    }
}
