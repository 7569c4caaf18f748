package org.dnsmesh.productkit.source;

/** A source's header or structure is unusable as a whole (not one bad line: those become {@link UnparsedRecord}s). */
public final class SourceFormatException extends RuntimeException {

  public SourceFormatException(String message) {
    super(message);
  }
}
