package org.dnsmesh.contracts;

/** A contract element with no Avro mapping; {@link #pointer()} is its JSON pointer in the contract document. */
public final class AvroMappingException extends IllegalArgumentException {
    private final String pointer;

    public AvroMappingException(String pointer, String message) {
        super(pointer.isEmpty() ? message : message + " (at " + pointer + ")");
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
