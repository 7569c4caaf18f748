package org.dnsmesh.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.dnsmesh.contracts.CustomPropertyKeys.Level;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.CustomProperty;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.dnsmesh.contracts.model.Server;
import org.dnsmesh.contracts.model.SlaProperty;

/**
 * Layer 2: this project's rules on top of the ODCS schema (the rule table is in the module README). Each rule
 * id below is what findings carry in {@link Finding#rule()}.
 */
public final class ContractRules {
    public static final String SEMVER = "semver";
    public static final String TEAM_OWNER = "team-owner";
    public static final String PROPERTY_TYPE = "property-type";
    public static final String PROPERTY_CLASSIFICATION = "property-classification";
    public static final String PII_MASKING = "pii-masking";
    public static final String PSEUDONYMISATION = "pseudonymisation";
    public static final String SLA_VALUE = "sla-value";
    public static final String PARTITION_COLUMN = "partition-column";
    public static final String SORT_COLUMN = "sort-column";
    public static final String KAFKA_KEY = "kafka-key";
    public static final String CUSTOM_PROPERTY_KEY = "custom-property-key";
    public static final String PRIMARY_KEY_REQUIRED = "primary-key-required";
    public static final String DUPLICATE_NAME = "duplicate-name";
    public static final String ENUM_SYMBOLS = "enum-symbols";
    public static final String NESTED_TYPE = "nested-type";
    public static final String SUNSET_DATE = "sunset-date";
    public static final String SAMPLING = "sampling";

    private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SORT_ENTRY = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)(?:\\s+(asc|desc))?(?:\\s+nulls\\s+(first|last))?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final ContractSource source;
    private final List<Finding> findings = new ArrayList<>();

    private ContractRules(ContractSource source) {
        this.source = source;
    }

    /** Checks a bound contract; {@code source} supplies file name and locations. */
    public static List<Finding> check(DataContract contract, ContractSource source) {
        ContractRules rules = new ContractRules(source);
        rules.checkContract(contract);
        return List.copyOf(rules.findings);
    }

    private void error(String rule, String pointer, String message) {
        findings.add(source.error(rule, pointer, message));
    }

    private void checkContract(DataContract contract) {
        if (contract.version() != null && SemanticVersion.parse(contract.version()).isEmpty()) {
            error(SEMVER, "/version", "version '" + contract.version() + "' is not a semantic version (MAJOR.MINOR.PATCH)");
        }
        if (contract.team() == null || contract.team().name() == null || contract.team().name().isBlank()) {
            error(TEAM_OWNER, contract.team() == null ? "" : "/team",
                    "the contract must name its owner team (team.name)");
        }
        customKeys(contract.customProperties(), Level.CONTRACT, "/customProperties");
        CustomProperties.string(contract.customProperties(), CustomPropertyKeys.SUNSET_DATE).ifPresent(date -> {
            try {
                java.time.LocalDate.parse(date);
            } catch (java.time.format.DateTimeParseException e) {
                error(SUNSET_DATE, pointerOf(contract.customProperties(), CustomPropertyKeys.SUNSET_DATE, "/customProperties"),
                        "sunsetDate '" + date + "' is not an ISO date (yyyy-MM-dd)");
            }
        });
        for (int i = 0; i < contract.slaProperties().size(); i++) {
            checkSla(contract.slaProperties().get(i), "/slaProperties/" + i);
        }
        for (int i = 0; i < contract.servers().size(); i++) {
            Server server = contract.servers().get(i);
            customKeys(server.customProperties(), Level.SERVER, "/servers/" + i + "/customProperties");
        }
        Set<String> objectNames = new HashSet<>();
        for (int i = 0; i < contract.schema().size(); i++) {
            SchemaObject object = contract.schema().get(i);
            String pointer = "/schema/" + i;
            if (object.name() != null && !objectNames.add(object.name())) {
                error(DUPLICATE_NAME, pointer + "/name", "schema object '" + object.name() + "' is defined twice");
            }
            checkObject(object, pointer);
        }
    }

    private void checkSla(SlaProperty sla, String pointer) {
        String property = sla.property();
        // "value 'null' is not a duration" reads as if null had been written: say the value is missing
        String value = sla.value() == null ? "has no value; expected" : "value '" + sla.value() + "'"
                + (sla.unit() == null ? "" : " unit '" + sla.unit() + "'") + " is not";
        if (SlaValues.isDuration(property) && SlaValues.duration(sla).isEmpty()) {
            error(SLA_VALUE, pointer + "/value", "SLA '" + property + "' " + value
                    + " a duration (a number with unit ms, s, m, h, d, w or y, text like \"500 ms\", or ISO-8601 like PT15M)");
        }
        if (SlaValues.isPercent(property) && SlaValues.percent(sla).isEmpty()) {
            error(SLA_VALUE, pointer + "/value", "SLA '" + property + "' " + (sla.value() == null ? "has no value; expected"
                    : "value '" + sla.value() + "' is not") + " a percentage between 0 and 100 (unit percent)");
        }
    }

    private void checkObject(SchemaObject object, String pointer) {
        customKeys(object.customProperties(), Level.SCHEMA_OBJECT, pointer + "/customProperties");
        checkProperties(object.properties(), pointer + "/properties");
        Set<String> columns = new HashSet<>();
        object.properties().forEach(p -> columns.add(p.name()));

        List<String> partitioning = CustomProperties.strings(object.customProperties(), CustomPropertyKeys.PARTITIONING);
        String partitionPointer = pointerOf(object.customProperties(), CustomPropertyKeys.PARTITIONING, pointer + "/customProperties");
        for (String entry : partitioning) {
            Optional<PartitionTransform> transform = PartitionTransform.parse(entry);
            if (transform.isEmpty()) {
                error(PARTITION_COLUMN, partitionPointer, "partition transform '" + entry
                        + "' is not one of identity|year|month|day|hour(col), bucket(N, col), truncate(W, col)");
            } else if (!columns.contains(transform.get().column())) {
                error(PARTITION_COLUMN, partitionPointer, "partition transform '" + entry + "' names column '"
                        + transform.get().column() + "', which object '" + object.name() + "' does not have");
            }
        }
        List<String> sortOrder = CustomProperties.strings(object.customProperties(), CustomPropertyKeys.SORT_ORDER);
        String sortPointer = pointerOf(object.customProperties(), CustomPropertyKeys.SORT_ORDER, pointer + "/customProperties");
        for (String entry : sortOrder) {
            var matcher = SORT_ENTRY.matcher(entry);
            if (!matcher.matches()) {
                error(SORT_COLUMN, sortPointer, "sort entry '" + entry + "' is not 'column [asc|desc] [nulls first|last]'");
            } else if (!columns.contains(matcher.group(1))) {
                error(SORT_COLUMN, sortPointer, "sort entry '" + entry + "' names column '" + matcher.group(1)
                        + "', which object '" + object.name() + "' does not have");
            }
        }
        CustomProperties.string(object.customProperties(), CustomPropertyKeys.KAFKA_KEY).ifPresent(key -> {
            if (!columns.contains(key)) {
                error(KAFKA_KEY, pointerOf(object.customProperties(), CustomPropertyKeys.KAFKA_KEY, pointer + "/customProperties"),
                        "kafkaKey names column '" + key + "', which object '" + object.name() + "' does not have");
            }
        });
        CustomProperties.find(object.customProperties(), CustomPropertyKeys.SAMPLING).ifPresent(declared -> {
            String samplingPointer = pointerOf(object.customProperties(), CustomPropertyKeys.SAMPLING, pointer + "/customProperties");
            for (SamplingDeclaration.Problem problem : SamplingDeclaration.problems(declared.value(), object)) {
                error(SAMPLING, samplingPointer + problem.pointer(), problem.message());
            }
        });
        // ODCS partitioned/partitionKeyPosition must agree with our partitioning list when both are given.
        for (int i = 0; i < object.properties().size(); i++) {
            SchemaProperty property = object.properties().get(i);
            if (property.partitionedOrFalse() && !partitioning.isEmpty()
                    && partitioning.stream().map(PartitionTransform::parse).flatMap(Optional::stream)
                            .noneMatch(t -> t.column().equals(property.name()))) {
                error(PARTITION_COLUMN, pointer + "/properties/" + i + "/partitioned", "column '" + property.name()
                        + "' is marked partitioned but the object's partitioning does not use it");
            }
        }
    }

    private void checkProperties(List<SchemaProperty> properties, String pointer) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.size(); i++) {
            SchemaProperty property = properties.get(i);
            String here = pointer + "/" + i;
            if (property.name() != null && !names.add(property.name())) {
                error(DUPLICATE_NAME, here + "/name", "property '" + property.name() + "' is defined twice");
            }
            checkProperty(property, here, true);
        }
    }

    private void checkProperty(SchemaProperty property, String pointer, boolean needsClassification) {
        // a nameless element is array items only under "items"; elsewhere it is a property that lacks its name
        String label = property.name() != null ? "property '" + property.name() + "'"
                : pointer.endsWith("/items") ? "array items" : "property without a name";
        if (property.logicalType() == null) {
            error(PROPERTY_TYPE, pointer, label + " has no logicalType");
        }
        if (needsClassification) {
            if (property.classification() == null) {
                error(PROPERTY_CLASSIFICATION, pointer, label + " has no classification (one of pii, pseudonymous, internal, public)");
            } else if (property.classificationLevel().isEmpty()) {
                error(PROPERTY_CLASSIFICATION, pointer + "/classification", label + " has classification '"
                        + property.classification() + "'; expected one of pii, pseudonymous, internal, public");
            }
        }
        customKeys(property.customProperties(), Level.PROPERTY, pointer + "/customProperties");
        String customPointer = pointer + "/customProperties";
        Optional<String> masking = CustomProperties.string(property.customProperties(), CustomPropertyKeys.MASKING_RULE);
        if (property.classificationLevel().orElse(null) == Classification.PII && masking.isEmpty()) {
            error(PII_MASKING, pointer, label + " is classified pii but names no maskingRule (one of "
                    + String.join(", ", new java.util.TreeSet<>(CustomPropertyKeys.MASKING_RULES)) + ")");
        }
        masking.filter(m -> !CustomPropertyKeys.MASKING_RULES.contains(m)).ifPresent(m -> error(PII_MASKING,
                pointerOf(property.customProperties(), CustomPropertyKeys.MASKING_RULE, customPointer),
                label + " has unknown maskingRule '" + m + "'; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(CustomPropertyKeys.MASKING_RULES))));
        Optional<String> pseudonymisation = CustomProperties.string(property.customProperties(), CustomPropertyKeys.PSEUDONYMISATION);
        if (property.classificationLevel().orElse(null) == Classification.PSEUDONYMOUS && pseudonymisation.isEmpty()) {
            error(PSEUDONYMISATION, pointer, label + " is classified pseudonymous but names no pseudonymisation rule (hmac-sha256)");
        }
        pseudonymisation.filter(p -> !CustomPropertyKeys.PSEUDONYMISATION_RULES.contains(p)).ifPresent(p -> error(PSEUDONYMISATION,
                pointerOf(property.customProperties(), CustomPropertyKeys.PSEUDONYMISATION, customPointer),
                label + " has unknown pseudonymisation '" + p + "'; expected hmac-sha256"));
        if (property.primaryKeyOrFalse() && !property.requiredOrFalse()) {
            error(PRIMARY_KEY_REQUIRED, pointer, label + " is part of the primary key but not required");
        }
        List<String> symbols = CustomProperties.strings(property.customProperties(), CustomPropertyKeys.ENUM_SYMBOLS);
        if (!symbols.isEmpty()) {
            String enumPointer = pointerOf(property.customProperties(), CustomPropertyKeys.ENUM_SYMBOLS, customPointer);
            if (!"string".equals(property.logicalType())) {
                error(ENUM_SYMBOLS, enumPointer, label + " has enumSymbols but logicalType is not string");
            }
            Set<String> seen = new HashSet<>();
            for (String symbol : symbols) {
                if (!AVRO_NAME.matcher(symbol).matches()) {
                    error(ENUM_SYMBOLS, enumPointer, label + " enum symbol '" + symbol + "' must match [A-Za-z_][A-Za-z0-9_]*");
                }
                if (!seen.add(symbol)) {
                    error(ENUM_SYMBOLS, enumPointer, label + " enum symbol '" + symbol + "' is listed twice");
                }
            }
        }
        String type = property.logicalType() == null ? "" : property.logicalType().toLowerCase(Locale.ROOT);
        if (type.equals("object")) {
            if (property.properties().isEmpty()) {
                error(NESTED_TYPE, pointer, label + " is an object without properties");
            }
            checkProperties(property.properties(), pointer + "/properties");
        } else if (type.equals("array")) {
            if (property.items() == null) {
                error(NESTED_TYPE, pointer, label + " is an array without items");
            } else {
                // Items inherit the array's classification.
                checkProperty(property.items(), pointer + "/items", false);
            }
        }
    }

    private void customKeys(List<CustomProperty> properties, Level level, String pointer) {
        Set<String> known = CustomPropertyKeys.known(level);
        for (int i = 0; i < properties.size(); i++) {
            String key = properties.get(i).property();
            if (key != null && !known.contains(key)) {
                error(CUSTOM_PROPERTY_KEY, pointer + "/" + i + "/property", "unknown customProperties key '" + key + "' at "
                        + level.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " level; known keys: "
                        + (known.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(known))));
            }
        }
    }

    private static String pointerOf(List<CustomProperty> properties, String key, String pointer) {
        for (int i = 0; i < properties.size(); i++) {
            if (key.equals(properties.get(i).property())) {
                return pointer + "/" + i + "/value";
            }
        }
        return pointer;
    }
}
