package org.dnsmesh.catalog.governance;

import java.util.ArrayList;
import java.util.List;
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;

/**
 * Which schema object of a contract describes which output table of the product: the object whose
 * physical name (or name) is the table's name; a single object with a single table pair up anyway.
 */
final class ProductTables {
  record Binding(Product.OutputPort port, SchemaObject object) {}

  private ProductTables() {}

  static List<Binding> of(Product product, DataContract contract) {
    List<Binding> bindings = new ArrayList<>();
    for (Product.OutputPort port : product.outputPorts()) {
      contract.schema().stream()
          .filter(object -> port.table().equals(object.physicalName()) || port.table().equals(object.name()))
          .findFirst()
          .or(() -> product.outputPorts().size() == 1 && contract.schema().size() == 1
              ? java.util.Optional.of(contract.schema().getFirst()) : java.util.Optional.empty())
          .ifPresent(object -> bindings.add(new Binding(port, object)));
    }
    return bindings;
  }

  /** The object whose Avro schema the registry keeps for the version (ContractGuard checks commits against it). */
  static SchemaObject primaryObject(Product product, DataContract contract) {
    List<Binding> bindings = of(product, contract);
    return bindings.isEmpty() ? contract.schema().getFirst() : bindings.getFirst().object();
  }
}
