package org.dnsmesh.quality.lineage;

import io.openlineage.client.OpenLineage;

/** Sends OpenLineage run events (to the catalog's receiver in the service). */
public interface LineagePublisher {
  void emit(OpenLineage.RunEvent event) throws Exception;
}
