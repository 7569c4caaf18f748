package org.dnsmesh.governance.workflow;

public enum Verdict {
  APPROVE,
  REJECT
}
