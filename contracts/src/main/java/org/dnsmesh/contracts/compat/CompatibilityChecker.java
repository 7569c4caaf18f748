package org.dnsmesh.contracts.compat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.Classification;
import org.dnsmesh.contracts.CustomPropertyKeys;
import org.dnsmesh.contracts.SlaValues;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.CustomProperty;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.QualityRule;
import org.dnsmesh.contracts.model.Role;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.dnsmesh.contracts.model.Server;
import org.dnsmesh.contracts.model.SlaProperty;

/**
 * Graded compatibility between two versions of a contract, decided from the consumer's point of view: a weaker
 * promise is MAJOR, an added or stronger promise MINOR, documentation PATCH. Avro's
 * {@link SchemaCompatibility} decides whether a type change can still be read by old readers (old reader
 * schema, new writer schema). The rule ids and the full table are in the module README.
 */
public final class CompatibilityChecker {
    private final List<Change> changes = new ArrayList<>();
    private final DataContract before;
    private final DataContract after;

    private CompatibilityChecker(DataContract before, DataContract after) {
        this.before = before;
        this.after = after;
    }

    /** Every change from {@code before} to {@code after}, each with class and reason. */
    public static CompatibilityReport diff(DataContract before, DataContract after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        CompatibilityChecker checker = new CompatibilityChecker(before, after);
        checker.compareContract();
        return new CompatibilityReport(before.version(), after.version(), checker.changes);
    }

    private void add(ChangeClass changeClass, String rule, String element, String reason) {
        changes.add(new Change(changeClass, rule, element, reason));
    }

    // ---------------------------------------------------------------- contract

    private void compareContract() {
        for (var field : List.<Map.Entry<String, Function<DataContract, String>>>of(
                Map.entry("id", DataContract::id), Map.entry("name", DataContract::name),
                Map.entry("domain", DataContract::domain), Map.entry("tenant", DataContract::tenant),
                Map.entry("dataProduct", DataContract::dataProduct))) {
            String old = field.getValue().apply(before);
            String now = field.getValue().apply(after);
            if (!Objects.equals(old, now)) {
                add(ChangeClass.MAJOR, "identity-changed", field.getKey(), field.getKey() + " changed from " + show(old)
                        + " to " + show(now) + ": consumers address the product by it");
            }
        }
        if (!Objects.equals(before.apiVersion(), after.apiVersion())) {
            add(ChangeClass.PATCH, "standard-version-changed", "apiVersion", "ODCS version changed from "
                    + show(before.apiVersion()) + " to " + show(after.apiVersion()));
        }
        if (!Objects.equals(before.status(), after.status())) {
            add(ChangeClass.PATCH, "status-changed", "status", "lifecycle status changed from " + show(before.status())
                    + " to " + show(after.status()));
        }
        patchIfDifferent("description-changed", "description", before.description(), after.description(), "description changed");
        patchIfDifferent("tags-changed", "tags", before.tags(), after.tags(), "tags changed");
        patchIfDifferent("support-changed", "support", before.support(), after.support(), "support channels changed");
        patchIfDifferent("team-changed", "team", before.team(), after.team(), "team changed");
        patchIfDifferent("authoritative-definitions-changed", "authoritativeDefinitions", before.authoritativeDefinitions(),
                after.authoritativeDefinitions(), "authoritative definitions changed");
        patchIfDifferent("price-changed", "price", before.price(), after.price(), "price changed");
        patchIfDifferent("sla-documentation-changed", "slaDefaultElement", before.slaDefaultElement(), after.slaDefaultElement(),
                "slaDefaultElement changed");
        compareCustomProperties("contract", before.customProperties(), after.customProperties(), Map.of());
        compareRoles();
        compareServers();
        compareSla();
        compareObjects();
    }

    private void patchIfDifferent(String rule, String element, Object old, Object now, String reason) {
        if (!Objects.equals(old, now)) {
            add(ChangeClass.PATCH, rule, element, reason);
        }
    }

    private void compareRoles() {
        Map<String, Role> old = index(before.roles(), Role::role);
        Map<String, Role> now = index(after.roles(), Role::role);
        old.forEach((name, role) -> {
            Role next = now.get(name);
            if (next == null) {
                add(ChangeClass.MAJOR, "role-removed", "roles." + name, "role " + name + " removed: consumers holding it lose access");
            } else if (!Objects.equals(role.access(), next.access())) {
                add(ChangeClass.MAJOR, "role-changed", "roles." + name, "access of role " + name + " changed from "
                        + show(role.access()) + " to " + show(next.access()));
            } else if (!role.equals(next)) {
                add(ChangeClass.PATCH, "role-documentation-changed", "roles." + name, "role " + name + " description or approvers changed");
            }
        });
        now.keySet().stream().filter(name -> !old.containsKey(name)).forEach(name ->
                add(ChangeClass.MINOR, "role-added", "roles." + name, "role " + name + " added"));
    }

    private void compareServers() {
        Map<String, Server> old = index(before.servers(), s -> s.server() != null ? s.server() : s.type());
        Map<String, Server> now = index(after.servers(), s -> s.server() != null ? s.server() : s.type());
        old.forEach((name, server) -> {
            Server next = now.get(name);
            if (next == null) {
                add(ChangeClass.MAJOR, "server-removed", "servers." + name, "server " + name + " removed: consumers reading there break");
                return;
            }
            Server oldConnection = connection(server);
            Server newConnection = connection(next);
            if (!oldConnection.equals(newConnection)) {
                add(ChangeClass.MAJOR, "server-changed", "servers." + name, "connection details of server " + name
                        + " changed (type, host, port, catalog, schema, format or location)");
            } else if (!server.equals(next)) {
                add(ChangeClass.PATCH, "server-documentation-changed", "servers." + name,
                        "description, environment, roles or custom properties of server " + name + " changed");
            }
        });
        now.keySet().stream().filter(name -> !old.containsKey(name)).forEach(name ->
                add(ChangeClass.MINOR, "server-added", "servers." + name, "server " + name + " added"));
    }

    /** The server without its documentation fields. */
    private static Server connection(Server s) {
        return new Server(null, s.server(), s.type(), null, null, s.host(), s.port(), s.catalog(), s.schema(), s.database(),
                s.format(), s.location(), s.endpointUrl(), s.path(), s.delimiter(), s.project(), s.dataset(), s.account(),
                s.warehouse(), s.region(), s.regionName(), s.stream(), s.serviceName(), s.stagingDir(), null, null);
    }

    // ---------------------------------------------------------------- SLA

    private void compareSla() {
        Map<String, SlaProperty> old = index(before.slaProperties(), s -> key(s.property(), s.element()));
        Map<String, SlaProperty> now = index(after.slaProperties(), s -> key(s.property(), s.element()));
        old.forEach((key, sla) -> {
            String element = "slaProperties." + key;
            SlaProperty next = now.get(key);
            if (next == null) {
                add(ChangeClass.MAJOR, isRetention(sla) ? "retention-shortened" : "sla-removed", element,
                        "SLA " + sla.property() + " removed: the promise no longer holds");
                return;
            }
            compareSlaValue(sla, next, element);
        });
        now.forEach((key, sla) -> {
            if (!old.containsKey(key)) {
                add(ChangeClass.MINOR, "sla-added", "slaProperties." + key, "SLA " + sla.property() + " added: " + slaText(sla));
            }
        });
    }

    private static String key(String property, String element) {
        String base = property == null ? "?" : property.toLowerCase(Locale.ROOT);
        return element == null ? base : base + "@" + element;
    }

    private static boolean isRetention(SlaProperty sla) {
        return "retention".equalsIgnoreCase(sla.property());
    }

    private void compareSlaValue(SlaProperty old, SlaProperty now, String element) {
        String property = old.property();
        boolean documentationOnly = Objects.equals(old.driver(), now.driver()) && Objects.equals(old.description(), now.description())
                && Objects.equals(old.scheduler(), now.scheduler()) && Objects.equals(old.schedule(), now.schedule());
        int comparison;
        if (SlaValues.isDuration(property)) {
            Optional<Duration> a = SlaValues.duration(old);
            Optional<Duration> b = SlaValues.duration(now);
            if (a.isEmpty() || b.isEmpty()) {
                comparison = Objects.equals(old.value(), now.value()) && Objects.equals(old.unit(), now.unit()) ? 0 : Integer.MIN_VALUE;
            } else {
                // For retention longer is stronger; for freshness, latency and frequency shorter is stronger.
                comparison = isRetention(old) ? b.get().compareTo(a.get()) : a.get().compareTo(b.get());
            }
        } else if (SlaValues.isPercent(property)) {
            Optional<BigDecimal> a = SlaValues.percent(old);
            Optional<BigDecimal> b = SlaValues.percent(now);
            comparison = a.isEmpty() || b.isEmpty()
                    ? (Objects.equals(old.value(), now.value()) ? 0 : Integer.MIN_VALUE)
                    : b.get().compareTo(a.get());
        } else {
            comparison = Objects.equals(old.value(), now.value()) && Objects.equals(old.unit(), now.unit())
                    && Objects.equals(old.valueExt(), now.valueExt()) ? 0 : Integer.MIN_VALUE;
        }
        String change = slaText(old) + " -> " + slaText(now);
        if (comparison == Integer.MIN_VALUE) {
            add(ChangeClass.MAJOR, "sla-changed", element, "SLA " + property + " changed (" + change + ") in a way that cannot be ranked");
        } else if (comparison > 0) {
            add(ChangeClass.MINOR, "sla-tightened", element, "SLA " + property + " tightened: " + change);
        } else if (comparison < 0) {
            add(ChangeClass.MAJOR, isRetention(old) ? "retention-shortened" : "sla-loosened", element,
                    "SLA " + property + " loosened: " + change);
        } else if (!documentationOnly || !Objects.equals(old.unit(), now.unit()) || !Objects.equals(old.value(), now.value())) {
            add(ChangeClass.PATCH, "sla-documentation-changed", element, "SLA " + property + " restated without changing the promise");
        }
    }

    private static String slaText(SlaProperty sla) {
        return sla.value() + (sla.unit() == null ? "" : " " + sla.unit());
    }

    // ---------------------------------------------------------------- schema objects

    private void compareObjects() {
        Map<String, SchemaObject> old = index(before.schema(), SchemaObject::name);
        Map<String, SchemaObject> now = index(after.schema(), SchemaObject::name);
        old.forEach((name, object) -> {
            SchemaObject next = now.get(name);
            if (next == null) {
                add(ChangeClass.MAJOR, "object-removed", "schema." + name, "schema object " + name + " removed");
            } else {
                compareObject(object, next, "schema." + name);
            }
        });
        now.keySet().stream().filter(name -> !old.containsKey(name)).forEach(name ->
                add(ChangeClass.MINOR, "object-added", "schema." + name, "schema object " + name + " added"));
    }

    private void compareObject(SchemaObject old, SchemaObject now, String element) {
        int majorBefore = countMajor();
        if (!Objects.equals(old.physicalName(), now.physicalName())) {
            add(ChangeClass.MAJOR, "physical-name-changed", element, "physicalName changed from " + show(old.physicalName())
                    + " to " + show(now.physicalName()) + ": queries by the old name break");
        }
        if (!Objects.equals(old.physicalType(), now.physicalType())) {
            add(ChangeClass.MAJOR, "physical-type-changed", element, "physicalType changed from " + show(old.physicalType())
                    + " to " + show(now.physicalType()));
        }
        patchIfDifferent("description-changed", element, old.description(), now.description(), "description changed");
        patchIfDifferent("description-changed", element, old.businessName(), now.businessName(), "businessName changed");
        patchIfDifferent("description-changed", element, old.dataGranularityDescription(), now.dataGranularityDescription(),
                "dataGranularityDescription changed");
        patchIfDifferent("tags-changed", element, old.tags(), now.tags(), "tags changed");
        patchIfDifferent("authoritative-definitions-changed", element, old.authoritativeDefinitions(), now.authoritativeDefinitions(),
                "authoritative definitions changed");
        compareRelationships(old.relationships(), now.relationships(), element);
        compareQuality(old.quality(), now.quality(), element);
        compareCustomProperties(element, old.customProperties(), now.customProperties(), Map.of(
                CustomPropertyKeys.PARTITIONING, new Verdict(ChangeClass.MAJOR, "partitioning-changed",
                        "partitioning changed: table layout and partition pruning of consumers' queries change"),
                CustomPropertyKeys.KAFKA_TOPIC, new Verdict(ChangeClass.MAJOR, "kafka-changed",
                        "Kafka topic changed: consumers subscribed to the old topic stop receiving records"),
                CustomPropertyKeys.KAFKA_KEY, new Verdict(ChangeClass.MAJOR, "kafka-changed",
                        "Kafka key changed: per-key ordering and compaction change"),
                CustomPropertyKeys.SAMPLING, new Verdict(ChangeClass.MAJOR, "sampling-changed",
                        "sampling changed: count(*) and other unweighted aggregates change meaning; consumers must weight"
                                + " rows by 1 / the rate column"),
                CustomPropertyKeys.SORT_ORDER, new Verdict(ChangeClass.PATCH, "sort-order-changed",
                        "sort order changed: layout only, query results are the same")));
        compareProperties(old.properties(), now.properties(), element);
        if (countMajor() == majorBefore) {
            avroSafetyNet(old, now, element);
        }
    }

    private int countMajor() {
        return (int) changes.stream().filter(c -> c.changeClass() == ChangeClass.MAJOR).count();
    }

    /** Whole-record check: any Avro incompatibility for old readers that our property rules did not name. */
    private void avroSafetyNet(SchemaObject old, SchemaObject now, String element) {
        try {
            Schema reader = AvroSchemas.of(before, old);
            Schema writer = AvroSchemas.of(after, now);
            var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE) {
                add(ChangeClass.MAJOR, "avro-incompatible", element, "records written with the new schema cannot be read "
                        + "with the old one: " + result.getResult().getIncompatibilities().stream()
                                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList());
            }
        } catch (IllegalArgumentException e) {
            // An object that cannot be mapped to Avro is reported by lint; the property rules still apply.
        }
    }

    private void compareRelationships(List<?> old, List<?> now, String element) {
        if (old.equals(now)) {
            return;
        }
        boolean onlyAdded = now.containsAll(old);
        add(onlyAdded ? ChangeClass.MINOR : ChangeClass.MAJOR, onlyAdded ? "relationship-added" : "relationship-removed", element,
                onlyAdded ? "relationship added" : "relationship removed or changed: joins relying on it break");
    }

    // ---------------------------------------------------------------- properties

    private void compareProperties(List<SchemaProperty> old, List<SchemaProperty> now, String element) {
        Map<String, SchemaProperty> oldByName = index(old, SchemaProperty::name);
        Map<String, SchemaProperty> newByName = index(now, SchemaProperty::name);
        // looked up by the index's key: a property without a name (invalid, but lint goes on) is "null" in both
        List<SchemaProperty> removed = old.stream().filter(p -> !newByName.containsKey(String.valueOf(p.name()))).toList();
        List<SchemaProperty> added = now.stream().filter(p -> !oldByName.containsKey(String.valueOf(p.name()))).toList();
        // A single removed and a single added property with otherwise identical definitions is a rename.
        if (removed.size() == 1 && added.size() == 1 && removed.getFirst().withName(added.getFirst().name()).equals(added.getFirst())) {
            add(ChangeClass.MAJOR, "property-renamed", element + "." + removed.getFirst().name(), "property renamed from "
                    + removed.getFirst().name() + " to " + added.getFirst().name() + ": readers of the old name break");
        } else {
            for (SchemaProperty property : removed) {
                add(ChangeClass.MAJOR, "property-removed", element + "." + property.name(), "property " + property.name()
                        + " removed: readers that use it break");
            }
            for (SchemaProperty property : added) {
                if (property.requiredOrFalse()) {
                    add(ChangeClass.MAJOR, "required-property-added", element + "." + property.name(), "required property "
                            + property.name() + " added without a default: records written under the old version lack it");
                } else {
                    add(ChangeClass.MINOR, "optional-property-added", element + "." + property.name(), "optional property "
                            + property.name() + " added (default null): old readers ignore it");
                }
            }
        }
        compareOrder(old, now, newByName.keySet(), oldByName.keySet(), element);
        for (SchemaProperty property : old) {
            SchemaProperty next = newByName.get(String.valueOf(property.name()));
            if (next != null) {
                compareProperty(property, next, element + "." + property.name());
            }
        }
    }

    /**
     * Properties kept in both versions but in another order. Avro resolves fields by name and Iceberg columns by
     * id, so readers by name are unaffected, but the Avro field order, the canonical form and the CRC-64 writer
     * fingerprint change (PATCH, never NONE). Consumers that map columns by position (CSV and other delimited
     * files, {@code SELECT *} into a fixed layout) read values into the wrong columns: MAJOR when the contract
     * has such a server.
     */
    private void compareOrder(List<SchemaProperty> old, List<SchemaProperty> now, Set<String> inNew, Set<String> inOld,
            String element) {
        List<String> oldOrder = old.stream().map(SchemaProperty::name).filter(inNew::contains).toList();
        List<String> newOrder = now.stream().map(SchemaProperty::name).filter(inOld::contains).toList();
        if (oldOrder.equals(newOrder)) {
            return;
        }
        String moved = "property order changed from " + oldOrder + " to " + newOrder;
        Optional<String> positional = positionalConsumers();
        if (positional.isPresent()) {
            add(ChangeClass.MAJOR, "property-reordered", element, moved + ": " + positional.get()
                    + " map columns by position and would read values into the wrong columns");
        } else {
            add(ChangeClass.PATCH, "property-reordered", element, moved + ": readers by name (Avro resolution, Iceberg"
                    + " column ids, SQL by column name) are unaffected, but the Avro field order and the writer schema's"
                    + " CRC-64 fingerprint change");
        }
    }

    /** Why the contract has consumers that read columns by position, if it has: a delimited-file server. */
    private Optional<String> positionalConsumers() {
        for (DataContract contract : List.of(before, after)) {
            for (Server server : contract.servers()) {
                String format = server.format() == null ? "" : server.format().toLowerCase(Locale.ROOT);
                if (server.delimiter() != null || POSITIONAL_FORMATS.contains(format)) {
                    return Optional.of("readers of server " + (server.server() != null ? server.server() : server.type())
                            + " (" + (server.delimiter() != null ? "delimiter " + show(server.delimiter()) : "format " + format) + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static final Set<String> POSITIONAL_FORMATS = Set.of("csv", "tsv", "psv", "txt", "text", "delimited", "fixed-width");

    private void compareProperty(SchemaProperty old, SchemaProperty now, String element) {
        compareType(old, now, element);
        if (old.requiredOrFalse() && !now.requiredOrFalse()) {
            add(ChangeClass.MAJOR, "required-removed", element, "required -> optional: values may now be null");
        } else if (!old.requiredOrFalse() && now.requiredOrFalse()) {
            add(ChangeClass.MINOR, "required-added", element, "optional -> required: values are now always present");
        }
        if (old.uniqueOrFalse() && !now.uniqueOrFalse()) {
            add(ChangeClass.MAJOR, "unique-removed", element, "no longer unique: duplicates may appear");
        } else if (!old.uniqueOrFalse() && now.uniqueOrFalse()) {
            add(ChangeClass.MINOR, "unique-added", element, "now unique");
        }
        if (old.primaryKeyOrFalse() != now.primaryKeyOrFalse() || !Objects.equals(old.primaryKeyPosition(), now.primaryKeyPosition())) {
            add(ChangeClass.MAJOR, "primary-key-changed", element, "primary key changed (primaryKey " + old.primaryKeyOrFalse() + " -> "
                    + now.primaryKeyOrFalse() + ", position " + old.primaryKeyPosition() + " -> " + now.primaryKeyPosition() + ")");
        }
        if (old.partitionedOrFalse() != now.partitionedOrFalse() || !Objects.equals(old.partitionKeyPosition(), now.partitionKeyPosition())) {
            add(ChangeClass.MAJOR, "partitioning-changed", element, "partitioning changed (partitioned " + old.partitionedOrFalse() + " -> "
                    + now.partitionedOrFalse() + ")");
        }
        if (!Objects.equals(old.physicalName(), now.physicalName())) {
            add(ChangeClass.MAJOR, "physical-name-changed", element, "physicalName changed from " + show(old.physicalName())
                    + " to " + show(now.physicalName()));
        }
        if (!normalizedType(old.physicalType()).equals(normalizedType(now.physicalType()))) {
            add(ChangeClass.MAJOR, "physical-type-changed", element, "physicalType changed from " + show(old.physicalType())
                    + " to " + show(now.physicalType()));
        }
        if (!Objects.equals(old.encryptedName(), now.encryptedName())) {
            add(ChangeClass.MAJOR, "physical-name-changed", element, "encryptedName changed");
        }
        compareClassification(old, now, element);
        compareConstraints(old, now, element);
        compareEnum(old, now, element);
        compareCustomProperties(element, old.customProperties(), now.customProperties(), Map.of(
                CustomPropertyKeys.MASKING_RULE, new Verdict(ChangeClass.MAJOR, "masking-changed",
                        "masking rule changed: masked readers see different values"),
                CustomPropertyKeys.PSEUDONYMISATION, new Verdict(ChangeClass.MAJOR, "masking-changed",
                        "pseudonymisation changed: values no longer join with earlier ones"),
                CustomPropertyKeys.PSEUDONYMISATION_SOURCE, new Verdict(ChangeClass.MAJOR, "masking-changed",
                        "pseudonymisation source changed: values mean something else"),
                CustomPropertyKeys.ENUM_SYMBOLS, new Verdict(ChangeClass.NONE, "enum", "handled by the enum rules")));
        compareRelationships(old.relationships(), now.relationships(), element);
        compareQuality(old.quality(), now.quality(), element);
        patchIfDifferent("description-changed", element, old.description(), now.description(), "description changed");
        patchIfDifferent("description-changed", element, old.businessName(), now.businessName(), "businessName changed");
        patchIfDifferent("description-changed", element,
                List.of(String.valueOf(old.transformLogic()), String.valueOf(old.transformDescription()), old.transformSourceObjects()),
                List.of(String.valueOf(now.transformLogic()), String.valueOf(now.transformDescription()), now.transformSourceObjects()),
                "transformation documentation changed");
        patchIfDifferent("examples-changed", element, old.examples(), now.examples(), "examples changed");
        patchIfDifferent("tags-changed", element, old.tags(), now.tags(), "tags changed");
        patchIfDifferent("tags-changed", element, old.criticalDataElement(), now.criticalDataElement(), "criticalDataElement changed");
        patchIfDifferent("authoritative-definitions-changed", element, old.authoritativeDefinitions(), now.authoritativeDefinitions(),
                "authoritative definitions changed");
        String oldType = lower(old.logicalType());
        if (oldType.equals("object") && lower(now.logicalType()).equals("object")) {
            compareProperties(old.properties(), now.properties(), element);
        }
        if (oldType.equals("array") && lower(now.logicalType()).equals("array") && old.items() != null && now.items() != null) {
            compareProperty(old.items(), now.items(), element + "[]");
        }
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static String normalizedType(String physicalType) {
        return physicalType == null ? "" : physicalType.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private void compareType(SchemaProperty old, SchemaProperty now, String element) {
        String oldType = lower(old.logicalType());
        String newType = lower(now.logicalType());
        if (oldType.equals("object") && newType.equals("object") || oldType.equals("array") && newType.equals("array")) {
            return; // compared member by member
        }
        boolean bothEnums = !CustomProperties.strings(old.customProperties(), CustomPropertyKeys.ENUM_SYMBOLS).isEmpty()
                && !CustomProperties.strings(now.customProperties(), CustomPropertyKeys.ENUM_SYMBOLS).isEmpty();
        if (bothEnums) {
            return; // compared symbol by symbol
        }
        Schema reader;
        Schema writer;
        try {
            // Compare the value types only; optionality is its own rule.
            reader = AvroSchemas.typeOf(asRequired(old), "dnsmesh.compat");
            writer = AvroSchemas.typeOf(asRequired(now), "dnsmesh.compat");
        } catch (IllegalArgumentException e) {
            if (!oldType.equals(newType)) {
                add(ChangeClass.MAJOR, "type-changed", element, "logicalType changed from " + show(old.logicalType()) + " to "
                        + show(now.logicalType()));
            }
            return;
        }
        boolean sameLogical = Objects.equals(reader.getLogicalType(), writer.getLogicalType());
        if (reader.equals(writer) && oldType.equals(newType) && sameLogical) {
            compareNumericFormat(old, now, element);
            return;
        }
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        String description = "logicalType " + show(old.logicalType()) + " (Avro " + avroName(reader) + ") -> " + show(now.logicalType())
                + " (Avro " + avroName(writer) + ")";
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE && sameLogical
                && (oldType.equals(newType) || Set.of("integer", "number").containsAll(Set.of(oldType, newType)))) {
            add(ChangeClass.MINOR, "type-narrowed", element, "type narrowed: " + description + "; old readers can still read it");
        } else {
            String why = result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                    ? "the values change meaning"
                    : "old readers cannot read it (Avro: " + result.getResult().getIncompatibilities().stream()
                            .map(i -> i.getType().toString()).distinct().toList() + ")";
            add(ChangeClass.MAJOR, "type-changed", element, "type changed: " + description + "; " + why);
        }
    }

    /** Integer/number {@code format} changes that keep the Avro type (i32 -> i16): a range narrowed or widened. */
    private void compareNumericFormat(SchemaProperty old, SchemaProperty now, String element) {
        Object a = old.logicalTypeOptions().get("format");
        Object b = now.logicalTypeOptions().get("format");
        if (Objects.equals(a, b)) {
            return;
        }
        String defaultFormat = lower(old.logicalType()).equals("number") ? "f64" : "i64";
        String from = a == null ? defaultFormat : String.valueOf(a).toLowerCase(Locale.ROOT);
        String to = b == null ? defaultFormat : String.valueOf(b).toLowerCase(Locale.ROOT);
        String what = "format " + from + " -> " + to;
        if (from.charAt(0) != to.charAt(0) || !from.substring(1).matches("\\d+") || !to.substring(1).matches("\\d+")) {
            add(ChangeClass.MAJOR, "constraint-changed", element, "constraint changed: " + what + " (signedness or kind differs)");
            return;
        }
        constraint(Integer.parseInt(to.substring(1)) < Integer.parseInt(from.substring(1)), element, what);
    }

    private static String avroName(Schema schema) {
        return schema.getLogicalType() == null ? schema.getType().getName()
                : schema.getType().getName() + "/" + schema.getLogicalType().getName();
    }

    private static SchemaProperty asRequired(SchemaProperty property) {
        return new SchemaProperty(property.id(), property.name() == null ? "item" : property.name(), null, null, property.logicalType(),
                property.logicalTypeOptions(), property.physicalType(), null, Boolean.TRUE, null, null, null, null, null, null, null,
                null, null, null, null, null, property.items(), property.properties(), null, null, null, null, property.customProperties());
    }

    private void compareClassification(SchemaProperty old, SchemaProperty now, String element) {
        if (Objects.equals(old.classification(), now.classification())) {
            return;
        }
        Optional<Classification> a = old.classificationLevel();
        Optional<Classification> b = now.classificationLevel();
        if (a.isPresent() && b.isPresent() && a.get() == b.get()) {
            return; // only the spelling changed
        }
        if (a.isPresent() && b.isPresent() && a.get().isLessProtectiveThan(b.get())) {
            add(ChangeClass.MINOR, "classification-more-protective", element, "classification " + a.get().value() + " -> "
                    + b.get().value() + ": more protective; some readers may now see masked values");
        } else {
            add(ChangeClass.MAJOR, "classification-less-protective", element, "classification " + show(old.classification())
                    + " -> " + show(now.classification()) + ": less protective (or unknown); needs governance review");
        }
    }

    // ---------------------------------------------------------------- constraints

    private static final Set<String> LOWER_BOUNDS = Set.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");
    private static final Set<String> UPPER_BOUNDS = Set.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");
    /** Options that change the Avro type; compared by {@link #compareType}. */
    private static final Set<String> TYPE_OPTIONS = Set.of("timezone");

    private void compareConstraints(SchemaProperty old, SchemaProperty now, String element) {
        Map<String, Object> a = old.logicalTypeOptions();
        Map<String, Object> b = now.logicalTypeOptions();
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        boolean numeric = Set.of("integer", "number").contains(lower(now.logicalType()));
        for (String key : keys) {
            Object x = a.get(key);
            Object y = b.get(key);
            if (Objects.equals(x, y) || TYPE_OPTIONS.contains(key) || numeric && key.equals("format")) {
                continue;
            }
            String what = key + " " + show(x) + " -> " + show(y);
            if (LOWER_BOUNDS.contains(key) || UPPER_BOUNDS.contains(key)) {
                int direction = compareBound(x, y);
                boolean tighter = x == null || (y != null && (LOWER_BOUNDS.contains(key) ? direction < 0 : direction > 0));
                constraint(tighter, element, what);
            } else if (key.equals("uniqueItems")) {
                constraint(Boolean.TRUE.equals(y), element, what);
            } else if (key.equals("multipleOf") && x != null && y != null) {
                BigDecimal oldStep = new BigDecimal(x.toString());
                BigDecimal newStep = new BigDecimal(y.toString());
                boolean tighter = newStep.remainder(oldStep).signum() == 0;
                constraint(tighter, element, what);
            } else if (x == null) {
                constraint(true, element, what); // pattern, format, multipleOf added
            } else if (y == null) {
                constraint(false, element, what);
            } else {
                add(ChangeClass.MAJOR, "constraint-changed", element, "constraint changed: " + what
                        + "; cannot prove the new one accepts only values the old one did");
            }
        }
    }

    private void constraint(boolean tighter, String element, String what) {
        if (tighter) {
            add(ChangeClass.MINOR, "constraint-tightened", element, "constraint tightened: " + what);
        } else {
            add(ChangeClass.MAJOR, "constraint-loosened", element, "constraint loosened: " + what
                    + "; consumers may now receive values they did not expect");
        }
    }

    /** Sign of (new - old) for numbers, or text comparison (ISO dates) otherwise. */
    private static int compareBound(Object old, Object now) {
        if (old == null || now == null) {
            return 0;
        }
        if (old instanceof Number && now instanceof Number) {
            return new BigDecimal(now.toString()).compareTo(new BigDecimal(old.toString())) > 0 ? -1
                    : new BigDecimal(now.toString()).compareTo(new BigDecimal(old.toString())) < 0 ? 1 : 0;
        }
        return Integer.signum(old.toString().compareTo(now.toString()));
    }

    private void compareEnum(SchemaProperty old, SchemaProperty now, String element) {
        List<String> a = CustomProperties.strings(old.customProperties(), CustomPropertyKeys.ENUM_SYMBOLS);
        List<String> b = CustomProperties.strings(now.customProperties(), CustomPropertyKeys.ENUM_SYMBOLS);
        if (a.isEmpty() || b.isEmpty()) {
            return; // becoming or ceasing to be an enum is a type change
        }
        List<String> added = b.stream().filter(s -> !a.contains(s)).toList();
        List<String> removed = a.stream().filter(s -> !b.contains(s)).toList();
        if (!added.isEmpty()) {
            add(ChangeClass.MAJOR, "enum-symbol-added", element, "enum values added " + added
                    + ": old readers cannot decode them (Avro enum without default)");
        }
        if (!removed.isEmpty()) {
            add(ChangeClass.MAJOR, "enum-symbol-removed", element, "enum values removed " + removed
                    + ": consumers matching on them silently get nothing");
        }
        if (added.isEmpty() && removed.isEmpty() && !a.equals(b)) {
            add(ChangeClass.PATCH, "enum-reordered", element, "enum values reordered (Avro resolves symbols by name)");
        }
    }

    // ---------------------------------------------------------------- quality

    private void compareQuality(List<QualityRule> old, List<QualityRule> now, String element) {
        Map<String, QualityRule> a = index(old, QualityRule::key);
        Map<String, QualityRule> b = index(now, QualityRule::key);
        a.forEach((key, rule) -> {
            QualityRule next = b.get(key);
            String where = element + ".quality." + key;
            if (next == null) {
                add(ChangeClass.MAJOR, "quality-rule-removed", where, "quality rule " + key + " removed: the check no longer runs");
            } else if (!rule.equals(next)) {
                compareRule(rule, next, where);
            }
        });
        b.keySet().stream().filter(key -> !a.containsKey(key)).forEach(key ->
                add(ChangeClass.MINOR, "quality-rule-added", element + ".quality." + key, "quality rule " + key + " added"));
    }

    private void compareRule(QualityRule old, QualityRule now, String where) {
        QualityRule oldCore = core(old);
        QualityRule newCore = core(now);
        if (withoutOperators(oldCore).equals(withoutOperators(newCore))) {
            if (oldCore.equals(newCore)) {
                add(ChangeClass.PATCH, "quality-rule-documentation-changed", where, "description, tags or impact changed");
                return;
            }
            int verdict = compareOperators(old, now);
            if (verdict > 0) {
                add(ChangeClass.MINOR, "quality-rule-tightened", where, "threshold tightened: " + operators(old) + " -> " + operators(now));
                return;
            }
            if (verdict < 0) {
                add(ChangeClass.MAJOR, "quality-rule-loosened", where, "threshold loosened: " + operators(old) + " -> " + operators(now));
                return;
            }
        }
        add(ChangeClass.MAJOR, "quality-rule-changed", where, "rule definition changed (" + operators(old) + " -> " + operators(now)
                + "); cannot prove it is at least as strict");
    }

    /** +1 tighter, -1 looser, 0 cannot tell. */
    private static int compareOperators(QualityRule a, QualityRule b) {
        if (a.mustBeGreaterThan() != null && b.mustBeGreaterThan() != null) {
            return b.mustBeGreaterThan().compareTo(a.mustBeGreaterThan());
        }
        if (a.mustBeGreaterOrEqualTo() != null && b.mustBeGreaterOrEqualTo() != null) {
            return b.mustBeGreaterOrEqualTo().compareTo(a.mustBeGreaterOrEqualTo());
        }
        if (a.mustBeLessThan() != null && b.mustBeLessThan() != null) {
            return a.mustBeLessThan().compareTo(b.mustBeLessThan());
        }
        if (a.mustBeLessOrEqualTo() != null && b.mustBeLessOrEqualTo() != null) {
            return a.mustBeLessOrEqualTo().compareTo(b.mustBeLessOrEqualTo());
        }
        if (a.mustBeBetween().size() == 2 && b.mustBeBetween().size() == 2) {
            boolean inside = b.mustBeBetween().get(0).compareTo(a.mustBeBetween().get(0)) >= 0
                    && b.mustBeBetween().get(1).compareTo(a.mustBeBetween().get(1)) <= 0;
            return inside ? 1 : -1;
        }
        return 0;
    }

    private static String operators(QualityRule rule) {
        List<String> parts = new ArrayList<>();
        if (rule.mustBe() != null) parts.add("mustBe " + rule.mustBe());
        if (rule.mustNotBe() != null) parts.add("mustNotBe " + rule.mustNotBe());
        if (rule.mustBeGreaterThan() != null) parts.add("> " + rule.mustBeGreaterThan());
        if (rule.mustBeGreaterOrEqualTo() != null) parts.add(">= " + rule.mustBeGreaterOrEqualTo());
        if (rule.mustBeLessThan() != null) parts.add("< " + rule.mustBeLessThan());
        if (rule.mustBeLessOrEqualTo() != null) parts.add("<= " + rule.mustBeLessOrEqualTo());
        if (!rule.mustBeBetween().isEmpty()) parts.add("between " + rule.mustBeBetween());
        if (!rule.mustNotBeBetween().isEmpty()) parts.add("not between " + rule.mustNotBeBetween());
        return parts.isEmpty() ? "no threshold" : String.join(", ", parts);
    }

    /** The rule without documentation fields. */
    private static QualityRule core(QualityRule r) {
        return new QualityRule(r.id(), r.name(), null, r.type(), r.dimension(), r.metric(), r.rule(), r.arguments(), r.query(),
                r.engine(), r.implementation(), r.mustBe(), r.mustNotBe(), r.mustBeGreaterThan(), r.mustBeGreaterOrEqualTo(),
                r.mustBeLessThan(), r.mustBeLessOrEqualTo(), r.mustBeBetween(), r.mustNotBeBetween(), r.unit(), r.severity(), null,
                r.method(), r.schedule(), r.scheduler(), null, null, r.customProperties());
    }

    private static QualityRule withoutOperators(QualityRule r) {
        return new QualityRule(r.id(), r.name(), null, r.type(), r.dimension(), r.metric(), r.rule(), r.arguments(), r.query(),
                r.engine(), r.implementation(), r.mustBe(), r.mustNotBe(), null, null, null, null, null, r.mustNotBeBetween(),
                r.unit(), r.severity(), null, r.method(), r.schedule(), r.scheduler(), null, null, r.customProperties());
    }

    // ---------------------------------------------------------------- custom properties

    private record Verdict(ChangeClass changeClass, String rule, String reason) {}

    private void compareCustomProperties(String element, List<CustomProperty> old, List<CustomProperty> now, Map<String, Verdict> verdicts) {
        Map<String, CustomProperty> a = index(old, CustomProperty::property);
        Map<String, CustomProperty> b = index(now, CustomProperty::property);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            Object x = a.containsKey(key) ? a.get(key).value() : null;
            Object y = b.containsKey(key) ? b.get(key).value() : null;
            if (Objects.equals(x, y)) {
                if (!Objects.equals(a.get(key), b.get(key))) {
                    add(ChangeClass.PATCH, "custom-property-documentation-changed", element, "description of " + key + " changed");
                }
                continue;
            }
            Verdict verdict = verdicts.get(key);
            if (verdict == null) {
                add(ChangeClass.PATCH, "custom-property-changed", element, key + " changed from " + show(x) + " to " + show(y));
            } else if (verdict.changeClass() != ChangeClass.NONE) {
                add(verdict.changeClass(), verdict.rule(), element, verdict.reason() + " (" + show(x) + " -> " + show(y) + ")");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.putIfAbsent(String.valueOf(key.apply(item)), item);
        }
        return map;
    }

    private static String show(Object value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
