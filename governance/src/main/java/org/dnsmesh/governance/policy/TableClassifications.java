package org.dnsmesh.governance.policy;

import java.util.Collection;
import java.util.Optional;

/**
 * Where governance learns the classified columns of tables. The catalog service implements this over
 * published contracts; {@link StaticTableClassifications} serves tests, the demo and compilers.
 */
public interface TableClassifications {
  Optional<TableClassification> find(TableRef table);

  Collection<TableClassification> all();
}
