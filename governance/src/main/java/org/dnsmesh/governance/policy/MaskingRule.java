package org.dnsmesh.governance.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps columns (by classification and/or tag) to a mask. The first rule matching a column decides;
 * principals matched by {@code clearFor} (evaluated against the column's table) see the clear value.
 */
public record MaskingRule(Optional<Classification> classification, Optional<String> tag, MaskFunction mask,
                          List<SubjectSelector> clearFor) {
  public MaskingRule {
    classification = classification == null ? Optional.empty() : classification;
    tag = tag == null ? Optional.empty() : tag;
    Objects.requireNonNull(mask, "mask");
    clearFor = clearFor == null ? List.of() : List.copyOf(clearFor);
    if (classification.isEmpty() && tag.isEmpty()) {
      throw new IllegalArgumentException("a masking rule needs a classification or a tag");
    }
  }

  public boolean matches(ColumnInfo column) {
    return classification.map(c -> c == column.classification()).orElse(true)
        && tag.map(t -> column.tags().contains(t)).orElse(true);
  }
}
