package org.dnsmesh.productkit.normalize;

/** The parts of a normalised query name; see {@link DnsEvent} for the meaning of each. */
public record DnsName(
    String asciiName, String unicodeName, String tld, String publicSuffix, String registrableDomain, boolean valid) {}
