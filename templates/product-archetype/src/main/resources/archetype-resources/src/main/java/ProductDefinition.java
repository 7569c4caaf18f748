package ${package};

import java.util.Map;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.products.support.EventTransform;
import org.dnsmesh.products.support.ProductContract;

/**
 * The ${artifactId} product (domain ${domain}): its contract, source adapter and transform. Derived tables:
 * {@link QueriesPerTld}.
 */
public final class ProductDefinition {

  public static final String CONTRACT = "datacontract.yaml";
  public static final String OBJECT = "${objectName}";

  private ProductDefinition() {}

  public static ProductContract contract() {
    return ProductContract.fromResource(ProductDefinition.class, CONTRACT, OBJECT);
  }

  /** Source adapter stub: the kit's synthetic generator. Replace with the product's real source (Zeek log, ...). */
  public static DnsEventSource source(long events, long seed) {
    return new SyntheticDnsGenerator(SyntheticProfile.resolverDefaults(events, seed));
  }

  /** The product's transform: adds the columns the contract has beyond the kit's normalised row. */
  public static EventTransform transform() {
    return ProductDefinition::addColumns;
  }

  private static Map<String, Object> addColumns(DnsEvent event, Map<String, Object> row) {
    row.put("answer_count", event.answers().size());
    return row;
  }
}
