package org.dnsmesh.contracts.compat;

/** Gives this package the shared base fixture. */
final class TestFixture {
    static final String BASE = org.dnsmesh.contracts.TestContractsAccess.base();

    private TestFixture() {}

    static String edit(String from, String to) {
        return org.dnsmesh.contracts.TestContractsAccess.edit(from, to);
    }
}
