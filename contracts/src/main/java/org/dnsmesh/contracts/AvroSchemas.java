package org.dnsmesh.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.contracts.model.SchemaProperty;

/**
 * Derives the Avro schema of a contract's schema object, deterministically (same contract, same schema, same
 * fingerprint). The mapping (documented in the README):
 * <ul>
 *   <li>record {@code <object name>} in namespace {@code dnsmesh.<domain>.<contract name>} (non-name characters
 *       become {@code _}); fields in property order; {@code description} becomes {@code doc}</li>
 *   <li>string -> string; with {@code logicalTypeOptions.format: uuid} -> string/uuid; with the
 *       {@code enumSymbols} custom property -> enum</li>
 *   <li>integer -> long; int when {@code format} is i8, i16, i32, u8 or u16</li>
 *   <li>number -> double; float when {@code format: f32}; bytes/decimal(p, s) when {@code physicalType} is
 *       {@code decimal(p, s)} or {@code numeric(p, s)}</li>
 *   <li>boolean -> boolean; date -> int/date; time -> long/time-micros; timestamp -> long/timestamp-micros
 *       (local-timestamp-micros when {@code timezone: false}); date with a timestamp or time {@code physicalType}
 *       (the ODCS v3.0 idiom) -> the timestamp or time mapping (local-timestamp-micros for {@code ... without time
 *       zone}, {@code timestamp_ntz}, {@code datetime})</li>
 *   <li>an object (or schema object) without properties is refused: an empty record carries nothing</li>
 *   <li>object -> nested record named after the property, in the parent record's full name as namespace;
 *       array -> array of the mapped {@code items}</li>
 *   <li>a property that is not {@code required: true} -> union {@code [null, T]} with default null</li>
 * </ul>
 */
public final class AvroSchemas {
    private static final Pattern DECIMAL = Pattern.compile("^\\s*(?:decimal|numeric)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private AvroSchemas() {}

    /** The Avro record schema of the schema object named {@code objectName}. */
    public static Schema of(DataContract contract, String objectName) {
        SchemaObject object = contract.schemaObject(objectName).orElseThrow(() -> new IllegalArgumentException(
                "contract '" + contract.name() + "' has no schema object '" + objectName + "'; it has "
                        + contract.schema().stream().map(SchemaObject::name).toList()));
        return of(contract, object);
    }

    /**
     * The Avro record schema of {@code object}. A contract element that has no Avro mapping fails with an
     * {@link AvroMappingException} naming its JSON pointer in the contract.
     */
    public static Schema of(DataContract contract, SchemaObject object) {
        String namespace = namespace(contract);
        int index = contract.schema().indexOf(object);
        String pointer = index < 0 ? "" : "/schema/" + index;
        List<Schema.Field> fields = new ArrayList<>();
        String fullName = namespace + "." + name(object.name(), "schema object", pointer + "/name");
        if (object.properties().isEmpty()) {
            throw new AvroMappingException(pointer, "schema object '" + object.name()
                    + "' has no properties; an Avro record needs at least one field");
        }
        List<SchemaProperty> properties = object.properties();
        for (int i = 0; i < properties.size(); i++) {
            fields.add(field(properties.get(i), fullName, pointer + "/properties/" + i));
        }
        return Schema.createRecord(name(object.name(), "schema object", pointer + "/name"), object.description(), namespace,
                false, fields);
    }

    /** The Avro schema of every schema object, keyed by object name, in contract order. */
    public static Map<String, Schema> all(DataContract contract) {
        Map<String, Schema> schemas = new java.util.LinkedHashMap<>();
        for (SchemaObject object : contract.schema()) {
            schemas.put(object.name(), of(contract, object));
        }
        return schemas;
    }

    /** The namespace records of this contract live in. */
    public static String namespace(DataContract contract) {
        StringBuilder namespace = new StringBuilder("dnsmesh");
        if (contract.domain() != null) {
            namespace.append('.').append(sanitize(contract.domain()));
        }
        if (contract.name() != null) {
            namespace.append('.').append(sanitize(contract.name()));
        }
        return namespace.toString();
    }

    /** The Avro type of one property (with the null union when optional); {@code parentFullName} scopes nested names. */
    public static Schema typeOf(SchemaProperty property, String parentFullName) {
        return typeOf(property, parentFullName, "");
    }

    private static Schema typeOf(SchemaProperty property, String parentFullName, String pointer) {
        Schema type = valueType(property, parentFullName, pointer);
        return property.requiredOrFalse() ? type : Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }

    private static Schema.Field field(SchemaProperty property, String parentFullName, String pointer) {
        String fieldName = name(property.name(), "property", pointer + "/name");
        Schema type = typeOf(property, parentFullName, pointer);
        Object defaultValue = property.requiredOrFalse() ? null : JsonProperties.NULL_VALUE;
        return new Schema.Field(fieldName, type, property.description(), defaultValue);
    }

    private static Schema valueType(SchemaProperty property, String parentFullName, String pointer) {
        String label = property.name() == null ? "array items under " + parentFullName : "property '" + property.name() + "'";
        if (property.logicalType() == null) {
            throw new AvroMappingException(pointer, label + " has no logicalType; cannot map it to Avro");
        }
        Map<String, Object> options = property.logicalTypeOptions();
        String format = options.get("format") == null ? "" : String.valueOf(options.get("format")).toLowerCase(Locale.ROOT);
        return switch (property.logicalType().toLowerCase(Locale.ROOT)) {
            case "string" -> {
                List<String> symbols = CustomProperties.strings(property.customProperties(), CustomPropertyKeys.ENUM_SYMBOLS);
                if (!symbols.isEmpty()) {
                    yield Schema.createEnum(name(property.name(), "property", pointer + "/name"), property.description(), parentFullName, symbols);
                }
                Schema string = Schema.create(Schema.Type.STRING);
                yield format.equals("uuid") ? LogicalTypes.uuid().addToSchema(string) : string;
            }
            case "integer" -> switch (format) {
                case "i8", "i16", "i32", "u8", "u16" -> Schema.create(Schema.Type.INT);
                default -> Schema.create(Schema.Type.LONG);
            };
            case "number" -> {
                Matcher decimal = property.physicalType() == null ? null : DECIMAL.matcher(property.physicalType());
                if (decimal != null && decimal.matches()) {
                    int precision = Integer.parseInt(decimal.group(1));
                    int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
                    yield LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
                }
                yield format.equals("f32") ? Schema.create(Schema.Type.FLOAT) : Schema.create(Schema.Type.DOUBLE);
            }
            case "boolean" -> Schema.create(Schema.Type.BOOLEAN);
            // ODCS v3.0 has no timestamp/time logical type: contracts write date with a timestamp or time physical
            // type. Mapping those to Avro date would drop the time of day.
            case "date" -> switch (PhysicalTemporal.of(property.physicalType())) {
                case TIMESTAMP -> timestamp(options);
                case LOCAL_TIMESTAMP -> LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
                case TIME -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
                case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            };
            case "time" -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case "timestamp" -> timestamp(options);
            case "object" -> {
                String recordName = name(property.name(), "property", pointer + "/name");
                if (property.properties().isEmpty()) {
                    throw new AvroMappingException(pointer, label + " is an object without properties; an Avro record"
                            + " needs at least one field (list them under properties, or use logicalType string for free-form JSON)");
                }
                List<Schema.Field> fields = new ArrayList<>();
                List<SchemaProperty> children = property.properties();
                for (int i = 0; i < children.size(); i++) {
                    fields.add(field(children.get(i), parentFullName + "." + recordName, pointer + "/properties/" + i));
                }
                yield Schema.createRecord(recordName, property.description(), parentFullName, false, fields);
            }
            case "array" -> {
                if (property.items() == null) {
                    throw new AvroMappingException(pointer, label + " is an array without items; cannot map it to Avro");
                }
                SchemaProperty items = property.items();
                // Items are required unless they say otherwise; name them after the array for nested records.
                SchemaProperty named = items.name() == null ? items.withName(property.name() + "_item") : items;
                Schema itemType = Boolean.FALSE.equals(items.required())
                        ? Schema.createUnion(Schema.create(Schema.Type.NULL), valueType(named, parentFullName, pointer + "/items"))
                        : valueType(named, parentFullName, pointer + "/items");
                yield Schema.createArray(itemType);
            }
            default -> throw new AvroMappingException(pointer, label + " has logicalType '" + property.logicalType()
                    + "', which has no Avro mapping");
        };
    }

    private static Schema timestamp(Map<String, Object> options) {
        return Boolean.FALSE.equals(options.get("timezone"))
                ? LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG))
                : LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static String name(String name, String what, String pointer) {
        if (name == null || !AVRO_NAME.matcher(name).matches()) {
            throw new AvroMappingException(pointer, what + " name '" + name + "' is not a valid Avro name ([A-Za-z_][A-Za-z0-9_]*)");
        }
        return name;
    }

    private static String sanitize(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }

}
