package org.dnsmesh.productkit.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.normalize.DnsEventRows;
import org.dnsmesh.productkit.pseudonymize.ColumnTreatment;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.Pseudonym;

/**
 * The Avro record that leaves the ingest process for one normalised event: the same record as
 * {@code AvroRows.toRecord(schema, privacy.apply(DnsEventRows.toRow(event)))}, but worked out once per schema
 * (which field comes from which column or privacy rule) instead of through two maps per event, which were a sixth
 * of the producing thread's time. Thread-safe.
 */
public final class EventRecordBuilder {

  /** Where one output column's value comes from, per event. */
  private sealed interface Source {}

  /** A column of the event row as it is (raw identifiers only where a CLEAR rule put them back). */
  private record Column(Function<DnsEvent, Object> read) implements Source {}

  /** The pseudonym value or key id of HMAC rule {@code rule}. */
  private record Hmac(int rule, boolean keyId) implements Source {}

  /** The truncated prefix of TRUNCATE rule {@code rule}. */
  private record Truncated(int rule) implements Source {}

  private static final Source ABSENT = new Column(event -> null);

  private final Schema schema;
  private final PrivacyPolicy privacy;
  private final List<ColumnTreatment> rules;
  private final Source[] fieldSources;
  private final boolean[] useDefault;
  /** Per rule, how to read its source column (null: rows have no such column), looked up once, not per event. */
  private final List<Function<DnsEvent, Object>> ruleSources;

  public EventRecordBuilder(Schema schema, PrivacyPolicy privacy) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.privacy = Objects.requireNonNull(privacy, "privacy");
    this.rules = privacy.treatments();
    this.ruleSources = rules.stream().map(rule -> DnsEventRows.COLUMNS.get(rule.source())).toList();
    Map<String, Source> out = outputColumns();
    List<Schema.Field> fields = schema.getFields();
    this.fieldSources = new Source[fields.size()];
    this.useDefault = new boolean[fields.size()];
    for (Schema.Field field : fields) {
      Source source = out.get(field.name());
      fieldSources[field.pos()] = source == null ? ABSENT : source;
      useDefault[field.pos()] = source == null && field.hasDefaultValue(); // as AvroRows: absent, not null
    }
  }

  /** The columns {@link PrivacyPolicy#apply} leaves in a row, each with where its value comes from. */
  private Map<String, Source> outputColumns() {
    java.util.Set<String> identifiers = new java.util.HashSet<>();
    rules.forEach(rule -> identifiers.add(rule.source()));
    Map<String, Source> out = new LinkedHashMap<>();
    DnsEventRows.COLUMNS.forEach((name, read) -> {
      if (!identifiers.contains(name)) {
        out.put(name, new Column(read));
      }
    });
    for (int i = 0; i < rules.size(); i++) {
      ColumnTreatment rule = rules.get(i);
      switch (rule.treatment()) {
        case CLEAR -> out.put(rule.target(), sourceColumn(rule));
        case HMAC -> {
          out.put(rule.target(), new Hmac(i, false));
          out.put(rule.keyIdColumn(), new Hmac(i, true));
        }
        case TRUNCATE -> out.put(rule.target(), new Truncated(i));
        case DROP -> out.remove(rule.target());
      }
    }
    return out;
  }

  private static Source sourceColumn(ColumnTreatment rule) {
    Function<DnsEvent, Object> read = DnsEventRows.COLUMNS.get(rule.source());
    return read == null ? ABSENT : new Column(read);
  }

  public Schema schema() {
    return schema;
  }

  /** Throws naming the field when a value does not fit its type, as {@link AvroRows#toRecord} does. */
  public GenericRecord build(DnsEvent event) {
    Object[] ruleValues = new Object[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      ColumnTreatment rule = rules.get(i);
      Function<DnsEvent, Object> read = ruleSources.get(i);
      Object value = read == null ? null : read.apply(event);
      String text = value == null ? null : value.toString();
      ruleValues[i] = switch (rule.treatment()) {
        case HMAC -> privacy.pseudonym(text);
        case TRUNCATE -> privacy.truncate(text);
        case CLEAR, DROP -> null;
      };
    }
    GenericData.Record record = new GenericData.Record(schema);
    List<Schema.Field> fields = schema.getFields();
    for (int i = 0; i < fieldSources.length; i++) {
      Schema.Field field = fields.get(i);
      if (useDefault[i]) {
        record.put(i, GenericData.get().getDefaultValue(field));
        continue;
      }
      Object value = switch (fieldSources[i]) {
        case Column column -> column.read().apply(event);
        case Hmac hmac -> {
          Pseudonym pseudonym = (Pseudonym) ruleValues[hmac.rule()];
          yield pseudonym == null ? null : hmac.keyId() ? pseudonym.keyId() : pseudonym.value();
        }
        case Truncated truncated -> ruleValues[truncated.rule()];
      };
      try {
        record.put(i, AvroRows.convert(field.schema(), value));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("field '" + field.name() + "': " + e.getMessage(), e);
      }
    }
    return record;
  }
}
