package org.dnsmesh.productkit.source;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The lines of a text source, numbered from 1. Over bytes, each line is decoded as UTF-8 on its own, so a line
 * that is not UTF-8 comes back undecoded ({@link Line#text()} null, {@link Line#bytes()} as read) and the lines
 * after it are still read: a reader dead-letters it with its number instead of the whole run failing on one byte.
 * Line ends are {@code \n} or {@code \r\n}.
 */
public abstract class LineInput implements Closeable {

  /** One line: its number, its text (null when its bytes are not UTF-8) and, for an undecodable one, its bytes. */
  public record Line(long number, String text, byte[] bytes, String problem) {
    public boolean decoded() {
      return text != null;
    }
  }

  private long number;

  /** The next line, or null at the end. */
  public final Line next() throws IOException {
    Line line = read(number + 1);
    if (line != null) {
      number++;
    }
    return line;
  }

  abstract Line read(long number) throws IOException;

  /** Lines of already decoded text (nothing can be undecodable). */
  public static LineInput of(Reader reader) {
    BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    return new LineInput() {
      @Override
      Line read(long number) throws IOException {
        String text = buffered.readLine();
        return text == null ? null : new Line(number, text, null, null);
      }

      @Override
      public void close() throws IOException {
        buffered.close();
      }
    };
  }

  /** Lines of UTF-8 bytes, each decoded on its own. */
  public static LineInput of(InputStream input) {
    return new Utf8Lines(input);
  }

  private static final class Utf8Lines extends LineInput {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;
    private byte[] buffer = new byte[1024];

    Utf8Lines(InputStream input) {
      this.in = Objects.requireNonNull(input, "input");
    }

    @Override
    Line read(long number) throws IOException {
      int length = 0;
      boolean ascii = true;
      boolean ended = false;
      while (!ended) {
        if (chunkPos == chunkEnd) {
          if (eof || !fill()) {
            break;
          }
        }
        int i = chunkPos;
        while (i < chunkEnd && chunk[i] != '\n') {
          i++;
        }
        int n = i - chunkPos;
        if (length + n > buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
        }
        for (int k = chunkPos; k < i; k++) {
          ascii &= chunk[k] >= 0;
        }
        System.arraycopy(chunk, chunkPos, buffer, length, n);
        length += n;
        ended = i < chunkEnd;
        chunkPos = ended ? i + 1 : i;
      }
      if (!ended && length == 0) {
        return null;
      }
      if (length > 0 && buffer[length - 1] == '\r') {
        length--;
      }
      if (ascii) { // nearly every Zeek line: Zeek escapes non-printable bytes as \xHH
        return new Line(number, new String(buffer, 0, length, StandardCharsets.ISO_8859_1), null, null);
      }
      try {
        return new Line(number, decoder.reset().decode(ByteBuffer.wrap(buffer, 0, length)).toString(), null, null);
      } catch (CharacterCodingException e) {
        int at = firstInvalid(buffer, length);
        return new Line(number, null, Arrays.copyOf(buffer, length),
            "not UTF-8: invalid byte 0x" + String.format("%02X", buffer[at] & 0xFF) + " at byte " + (at + 1)
                + " of the line");
      }
    }

    private boolean fill() throws IOException {
      int n = in.read(chunk);
      while (n == 0) {
        n = in.read(chunk);
      }
      if (n < 0) {
        eof = true;
        return false;
      }
      chunkPos = 0;
      chunkEnd = n;
      return true;
    }

    /** Index of the first byte that starts no valid UTF-8 sequence (for the reason text). */
    private int firstInvalid(byte[] bytes, int length) {
      for (int i = 0; i < length; i++) {
        int end = Math.min(length, i + 4);
        boolean valid = false;
        for (int j = i + 1; j <= end && !valid; j++) {
          try {
            decoder.reset().decode(ByteBuffer.wrap(bytes, i, j - i));
            valid = true;
            i = j - 1;
          } catch (CharacterCodingException e) {
            // try a longer sequence
          }
        }
        if (!valid) {
          return i;
        }
      }
      return 0;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
