package org.dnsmesh.quality.service;

import java.util.List;
import org.dnsmesh.quality.contract.ContractView;

/** The tables to watch with their contracts; the registry API will implement it, a JSON file does for now. */
public interface TargetSource {
  List<ContractView> targets() throws Exception;
}
