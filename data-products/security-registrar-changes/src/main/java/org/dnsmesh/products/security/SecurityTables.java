package org.dnsmesh.products.security;

import org.apache.iceberg.catalog.TableIdentifier;
import org.dnsmesh.products.support.ProductContract;

/**
 * The detection topology's outputs as Iceberg tables (contract objects {@code detections} and {@code cases}):
 * {@code security.detections} (every finding, appended) and {@code security.cases} (the newest state of each case),
 * with {@code security.case_states} (every state the cases topic carried, appended with its offsets) between the
 * topic and {@code security.cases}. Written by {@link SecurityTableSink}.
 */
public final class SecurityTables {

  public static final String DETECTIONS_OBJECT = "detections";
  public static final String CASES_OBJECT = "cases";

  public static final TableIdentifier DETECTIONS = TableIdentifier.of(RegistrarChanges.DOMAIN, DETECTIONS_OBJECT);
  public static final TableIdentifier CASES = TableIdentifier.of(RegistrarChanges.DOMAIN, CASES_OBJECT);
  /** Every case state as consumed (exactly-once, offsets in its snapshots); {@link #CASES} is derived from it. */
  public static final TableIdentifier CASE_STATES = TableIdentifier.of(RegistrarChanges.DOMAIN, "case_states");

  private SecurityTables() {}

  public static ProductContract detectionsContract() {
    return ProductContract.fromResource(RegistrarChanges.class, RegistrarChanges.CONTRACT, DETECTIONS_OBJECT);
  }

  public static ProductContract casesContract() {
    return ProductContract.fromResource(RegistrarChanges.class, RegistrarChanges.CONTRACT, CASES_OBJECT);
  }
}
