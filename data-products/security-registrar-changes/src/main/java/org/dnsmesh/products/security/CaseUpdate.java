package org.dnsmesh.products.security;

/** A finding as bundled, and its case's state after it. */
record CaseUpdate(Finding finding, SecurityCase securityCase) {}
