package org.dnsmesh.products.security;

/** Blast radius of an asset (the domain inventory's {@code criticality}); unknown domains count as MEDIUM. */
public enum Criticality { LOW, MEDIUM, HIGH }
