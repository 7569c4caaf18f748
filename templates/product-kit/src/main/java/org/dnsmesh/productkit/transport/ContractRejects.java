package org.dnsmesh.productkit.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Why the producer could not encode a source record as an event of its contract, in the form the pipeline's
 * quarantine classes read: {@code contract: <field>: <what>} (class {@code contract.<field>}), else
 * {@code cannot encode: <what>}. An unset field the schema requires (Zeek's {@code -} for a query without a question
 * section) is named as such.
 */
public final class ContractRejects {

  private static final Pattern FIELD = Pattern.compile("field '([^']+)': (.*)", Pattern.DOTALL);

  private ContractRejects() {}

  /**
   * @param record the record as built (null when building it failed)
   * @param failure what building or encoding threw
   */
  public static String reason(Schema schema, GenericRecord record, RuntimeException failure) {
    if (record != null) {
      List<String> unset = unsetRequired(schema, record);
      if (!unset.isEmpty()) {
        StringBuilder reason = new StringBuilder("contract: ");
        for (int i = 0; i < unset.size(); i++) {
          reason.append(i == 0 ? "" : "; ").append(unset.get(i)).append(": required but unset in the source");
        }
        return reason.toString();
      }
    }
    String message = String.valueOf(failure.getMessage());
    Matcher field = FIELD.matcher(message);
    if (field.find()) {
      return "contract: " + field.group(1) + ": " + field.group(2);
    }
    return "cannot encode: " + message;
  }

  /** Fields of {@code schema} that may not be null (no null branch) and are null in {@code record}. */
  static List<String> unsetRequired(Schema schema, GenericRecord record) {
    List<String> unset = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      if (record.get(field.pos()) == null && !field.schema().isNullable()) {
        unset.add(field.name());
      }
    }
    return unset;
  }
}
