package org.dnsmesh.contracts.model;

/** A link to a source that defines an element (ODCS {@code authoritativeDefinitions} item). */
public record AuthoritativeDefinition(String id, String url, String type, String description) {}
