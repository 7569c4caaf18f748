package org.dnsmesh.contracts;

/** Public door to the package-private fixtures for tests in sub-packages. */
public final class TestContractsAccess {
    private TestContractsAccess() {}

    public static String base() {
        return TestContracts.BASE;
    }

    public static String edit(String from, String to) {
        return TestContracts.edit(from, to);
    }
}
