package org.dnsmesh.quality.table;

import java.util.Optional;
import org.dnsmesh.quality.model.TableKey;

/** Reads table metadata; the service backs it with the Iceberg REST catalog. */
public interface TableSource {
  /**
   * @param eventTimeColumn column whose upper bounds give the newest event time, if the contract names one
   * @throws org.apache.iceberg.exceptions.NoSuchTableException if the table does not exist
   */
  TableView load(TableKey key, Optional<String> eventTimeColumn);
}
