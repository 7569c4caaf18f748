package org.dnsmesh.products.security;

import java.util.Map;

/**
 * Turns one raw source record into a row of contract columns with the <em>clear</em> identifiers under the names
 * the contract's pseudonymous columns take as {@code pseudonymisationSource} ({@code actor}, {@code actor_ip},
 * {@code contact_email}, {@code approver}) and the source's own event id under {@value #SOURCE_EVENT_ID}. The
 * {@link Canonicalizer} pseudonymises and validates it. Throws {@link RejectedRecordException} with a reason.
 */
public interface SourceParser {

  String SOURCE_EVENT_ID = "source_event_id";

  Map<String, Object> parse(String text);
}
