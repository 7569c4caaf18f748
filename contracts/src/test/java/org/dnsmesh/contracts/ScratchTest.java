package org.dnsmesh.contracts;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void print() {
        Path p = Path.of("examples/dns-resolver-queries.odcs.yaml");
        ContractValidator.validate(p).forEach(System.out::println);
        System.out.println(DataContracts.toYaml(DataContracts.read(p)).substring(0, 500));
        String bad = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0\nstatus: active\nbogus: 1\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: strin\n        required: yes\n";
        ContractValidator.validate(bad, "bad.yaml").forEach(System.out::println);
        ContractValidator.validate("a: [1, 2\nb: 3", "syntax.yaml").forEach(System.out::println);
    }
}
