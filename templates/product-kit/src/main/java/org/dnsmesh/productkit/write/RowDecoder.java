package org.dnsmesh.productkit.write;

/** Decodes one buffered row from {@code length} bytes of {@code buffer} at {@code offset} (not kept afterwards). */
@FunctionalInterface
public interface RowDecoder<T> {
  T decode(byte[] buffer, int offset, int length);
}
