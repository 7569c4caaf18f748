package org.dnsmesh.contracts;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dnsmesh.contracts.model.DataContract;

/** Shared fixtures: the shipped example and a compact base contract for mutation tests. */
final class TestContracts {
    static final Path EXAMPLE = Path.of("examples/dns-resolver-queries.odcs.yaml");

    /** A small valid contract; tests mutate it by text replacement so each case reads as a YAML edit. */
    static final String BASE = """
            apiVersion: v3.1.0
            kind: DataContract
            id: base-contract
            name: dns-base
            version: 1.2.0
            status: active
            domain: dns
            description:
              purpose: Test contract.
            team:
              name: dns-team
            roles:
              - role: dns_analyst
                access: read
            support:
              - channel: "#dns"
                tool: slack
            slaProperties:
              - property: freshness
                value: 15
                unit: m
              - property: completeness
                value: 99.5
                unit: percent
              - property: retention
                value: 400
                unit: d
            servers:
              - server: trino
                type: trino
                host: localhost
                port: 8080
                catalog: dns
                schema: base
            schema:
              - name: events
                physicalName: events
                physicalType: table
                description: Events.
                customProperties:
                  - property: partitioning
                    value: ["day(event_ts)"]
                  - property: kafkaTopic
                    value: dns.base.raw
                quality:
                  - name: row_count
                    type: library
                    metric: rowCount
                    mustBeGreaterThan: 100
                properties:
                  - name: event_id
                    logicalType: string
                    physicalType: varchar
                    required: true
                    unique: true
                    primaryKey: true
                    primaryKeyPosition: 1
                    classification: internal
                    description: Event id.
                  - name: event_ts
                    logicalType: timestamp
                    physicalType: timestamp(6)
                    required: true
                    classification: internal
                  - name: client_ip
                    logicalType: string
                    physicalType: varchar
                    required: true
                    classification: pii
                    customProperties:
                      - property: maskingRule
                        value: ip-prefix
                  - name: client_id
                    logicalType: string
                    physicalType: varchar
                    classification: pseudonymous
                    customProperties:
                      - property: pseudonymisation
                        value: hmac-sha256
                  - name: qname
                    logicalType: string
                    physicalType: varchar
                    required: true
                    classification: internal
                    logicalTypeOptions:
                      maxLength: 253
                      minLength: 1
                  - name: latency_ms
                    logicalType: integer
                    physicalType: integer
                    required: true
                    classification: public
                    logicalTypeOptions:
                      format: i32
                      minimum: 0
                      maximum: 60000
                  - name: score
                    logicalType: number
                    physicalType: double
                    classification: public
                  - name: protocol
                    logicalType: string
                    physicalType: varchar
                    required: true
                    classification: public
                    customProperties:
                      - property: enumSymbols
                        value: [udp, tcp, doh]
                  - name: tld
                    logicalType: string
                    physicalType: varchar
                    classification: public
                    tags: [dns]
                    examples: [com]
            """;

    private TestContracts() {}

    static DataContract base() {
        return DataContracts.parse(BASE, "base.yaml");
    }

    /** BASE with one text replacement; fails loudly when the text to replace is not there. */
    static String edit(String from, String to) {
        if (!BASE.contains(from)) {
            throw new IllegalArgumentException("fixture does not contain: " + from);
        }
        return BASE.replace(from, to);
    }

    static String example() throws java.io.IOException {
        return Files.readString(EXAMPLE);
    }
}
