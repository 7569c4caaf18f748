package org.dnsmesh.contracts;

/** A 1-based line and column in a source document; {@link #UNKNOWN} (0, 0) when not known. */
public record Location(int line, int column) {
    public static final Location UNKNOWN = new Location(0, 0);
    /** Start of the document: where whole-document problems (size, limits, encoding) are reported. */
    public static final Location START = new Location(1, 1);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
