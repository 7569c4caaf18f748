package org.dnsmesh.productkit.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Follows log files as a logger writes and rotates them: each {@link #poll} reads the complete lines added since the
 * last one, from every file the spec matches now (the files present at the start are the backlog; files that appear
 * later are read from their start). Positions are kept per log <em>content</em>, not per path: a Zeek TSV log is
 * known by its {@code #path} and {@code #open} header lines, any other log by a hash of its first line. So when
 * {@code dns.log} is rotated to {@code dns.<time>.log.gz}, the copy is read only beyond the offset already read from
 * the live file: nothing twice, and the lines written between the last poll and the rotation are not lost. A spec
 * naming one file also looks at its rotated siblings in the same directory ({@code dns.*}), only to finish logs it
 * had started.
 *
 * <p>Polling, not a {@code WatchService}: a rotation is a rename plus a new file plus a gzip, which a watch reports
 * as events that must be re-checked against the files anyway; on Linux the JDK's watch service does not see files
 * on network or bind-mounted directories, and on macOS it is itself a 2-10 s poll. A poll of a few files' sizes
 * every second is cheap and behaves the same everywhere.
 *
 * <p>A last line without its newline is not read until its newline is written. A file shorter than the offset
 * read from it (truncated in place) is read again from its start, with a warning. Positions advance in memory;
 * {@link #checkpoint} saves them once what the polls pushed is safe downstream, so a restart resumes there.
 */
public final class LogFollower {

  /** Bytes of a file's start read to tell which log it is. */
  private static final int IDENTITY_BYTES = 64 * 1024;

  private final FileSources.Format format;
  private final String where;
  private final FollowCheckpoint checkpoint;
  private final Consumer<String> warnings;
  /** Per path: the size and modification time at the last poll, to skip unchanged files without opening them. */
  private final Map<Path, Seen> seen = new HashMap<>();
  /** Per log and copy: the parser, with the header state of that copy (replayed from its start on a resume). */
  private final Map<String, LineParser> parsers = new HashMap<>();

  private record Seen(long size, long modified) {}

  private LogFollower(FileSources.Format format, String where, FollowCheckpoint checkpoint,
      Consumer<String> warnings) {
    this.format = format;
    this.where = where;
    this.checkpoint = checkpoint;
    this.warnings = warnings;
  }

  /**
   * Follows {@code spec} ({@code zeek:<file|dir|glob>} or {@code jsonl:...}), resuming from the positions in
   * {@code checkpointFile}. A single file need not exist yet; a directory or a glob's base directory must.
   */
  public static LogFollower follow(String spec, Path checkpointFile, Consumer<String> warnings) throws IOException {
    Objects.requireNonNull(spec, "spec");
    FileSources.Format format = FileSources.parseFormat(spec);
    String where = spec.substring(spec.indexOf(':') + 1);
    if (where.isEmpty()) {
      throw new IllegalArgumentException("'" + spec + "': no file, directory or glob after the colon");
    }
    LogFollower follower = new LogFollower(format, where, FollowCheckpoint.load(checkpointFile),
        Objects.requireNonNull(warnings, "warnings"));
    follower.matches(); // a bad spec fails now, not at the first poll
    return follower;
  }

  public FollowCheckpoint positions() {
    return checkpoint;
  }

  /** Saves the positions reached by the polls so far. */
  public void checkpoint() throws IOException {
    checkpoint.save();
  }

  /** The files the spec matches now; a single file: itself when present. */
  public List<Path> matches() throws IOException {
    Path single = Path.of(where);
    if (isSingleFile(single)) {
      return Files.isRegularFile(single) ? List.of(single) : List.of();
    }
    return FileSources.resolve(format, where);
  }

  private boolean isSingleFile(Path path) {
    return where.chars().noneMatch(c -> "*?[{".indexOf(c) >= 0) && !Files.isDirectory(path);
  }

  /** The rotated copies beside a single followed file: {@code dns.log} -> {@code dns.*} in its directory. */
  private List<Path> siblings() throws IOException {
    Path single = Path.of(where).toAbsolutePath();
    if (!isSingleFile(single) || single.getParent() == null || !Files.isDirectory(single.getParent())) {
      return List.of();
    }
    String name = single.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : name + ".";
    try (Stream<Path> entries = Files.list(single.getParent())) {
      return entries.filter(p -> !p.equals(single) && p.getFileName().toString().startsWith(stem))
          .filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * Reads every complete line added since the last poll to {@code sink}; returns what it read. Rotated copies are
   * read before the live file (name order), so a log's lines stay in order.
   */
  public SourceCounts poll(DnsEventSource.Sink sink) throws IOException {
    long events = 0;
    long unparsed = 0;
    List<Path> siblings = siblings();
    List<Path> files = new ArrayList<>(siblings);
    files.addAll(matches());
    for (Path file : files) {
      SourceCounts counts = read(file, !siblings.contains(file), sink);
      events += counts.events();
      unparsed += counts.unparsed();
    }
    return new SourceCounts(events, unparsed);
  }

  /** The bytes written to the followed plain files and not read yet (a lag in bytes). */
  public long bytesBehind() throws IOException {
    long behind = 0;
    for (Path file : matches()) {
      try {
        if (isGzip(file)) {
          continue;
        }
        String key = identity(file);
        FollowCheckpoint.Position at = key == null ? null : checkpoint.get(key);
        behind += Math.max(0, Files.size(file) - (at == null ? 0 : at.offset()));
      } catch (NoSuchFileException e) {
        // rotated away since it was listed
      }
    }
    return behind;
  }

  private SourceCounts read(Path file, boolean matched, DnsEventSource.Sink sink) throws IOException {
    Seen now;
    try {
      now = new Seen(Files.size(file), Files.getLastModifiedTime(file).toMillis());
    } catch (NoSuchFileException e) {
      return new SourceCounts(0, 0);
    }
    if (now.equals(seen.get(file))) {
      return new SourceCounts(0, 0);
    }
    String key;
    try {
      key = identity(file);
    } catch (NoSuchFileException e) {
      return new SourceCounts(0, 0);
    }
    if (key == null) {
      return new SourceCounts(0, 0); // no complete first line (or Zeek header) yet: not seen, looked at again
    }
    FollowCheckpoint.Position at = checkpoint.get(key);
    if (at == null && !matched) {
      seen.put(file, now);
      return new SourceCounts(0, 0); // a rotated sibling of a log this follower never started: not ours
    }
    String name = file.getFileName().toString();
    if (at == null) {
      at = new FollowCheckpoint.Position(key, 0, 0, name);
    }
    boolean gzip = isGzip(file);
    long end = gzip ? completeLinesEndGzip(file) : completeLinesEnd(file, now.size(), 0);
    if (!gzip && now.size() < at.offset() && name.equals(at.file())) {
      warnings.accept(file + " is shorter (" + now.size() + " bytes) than the " + at.offset() + " bytes already read"
          + " from it: truncated in place; reading it again from its start");
      at = new FollowCheckpoint.Position(key, 0, 0, name);
      parsers.remove(key + "|" + file);
    }
    if (end <= at.offset()) {
      seen.put(file, now);
      return new SourceCounts(0, 0);
    }
    LineParser parser = parser(key, file, at.offset());
    long events = 0;
    long unparsed = 0;
    long lines = at.lines();
    try (InputStream content = ZeekDnsLogReader.bytes(file)) {
      content.skipNBytes(at.offset());
      try (LineInput input = LineInput.of(new BoundedInput(content, end - at.offset()))) {
        LineInput.Line line;
        while ((line = input.next()) != null) {
          LineInput.Line numbered = new LineInput.Line(at.lines() + line.number(), line.text(), line.bytes(),
              line.problem());
          lines = numbered.number();
          switch (parser.accept(numbered, sink)) {
            case EVENT -> events++;
            case UNPARSED -> unparsed++;
            case NONE -> { }
          }
        }
      }
    }
    checkpoint.put(new FollowCheckpoint.Position(key, end, lines, name));
    seen.put(file, now);
    return new SourceCounts(events, unparsed);
  }

  /** A parser for the copy {@code file} of log {@code key}, its header replayed when resuming past it. */
  private LineParser parser(String key, Path file, long offset) throws IOException {
    String cacheKey = key + "|" + file;
    LineParser parser = parsers.get(cacheKey);
    if (parser != null) {
      return parser;
    }
    String name = file.getFileName().toString();
    if (key.startsWith(ZEEK_KEY)) {
      ZeekTsvLines tsv = new ZeekTsvLines(name);
      parser = tsv::accept;
      if (offset > 0) {
        try (InputStream content = ZeekDnsLogReader.bytes(file);
            LineInput header = LineInput.of(new BoundedInput(content, offset))) {
          LineInput.Line line;
          while ((line = header.next()) != null && line.decoded() && line.text().startsWith("#")) {
            tsv.accept(line, NO_SINK);
          }
        }
      }
    } else {
      parser = (line, sink) -> JsonLinesDnsReader.accept(line, name, sink);
    }
    parsers.put(cacheKey, parser);
    return parser;
  }

  private interface LineParser {
    ZeekTsvLines.Outcome accept(LineInput.Line line, DnsEventSource.Sink sink);
  }

  private static final DnsEventSource.Sink NO_SINK = new DnsEventSource.Sink() {
    @Override
    public void event(RawDnsEvent event) {
      throw new IllegalStateException("a header line became an event");
    }

    @Override
    public void unparsed(UnparsedRecord record) {
      throw new IllegalStateException("a header line became an unparsed record");
    }
  };

  static final String ZEEK_KEY = "zeek ";
  static final String LINE_KEY = "first-line sha256 ";

  /**
   * Which log {@code file} holds, from its content's start: {@code zeek <#path> <#open>} for a Zeek TSV log, else
   * the SHA-256 of its first line; null while that is not written completely yet.
   */
  static String identity(Path file) throws IOException {
    byte[] start;
    try (InputStream content = ZeekDnsLogReader.bytes(file)) {
      start = readUpTo(content, IDENTITY_BYTES);
    }
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < start.length; i++) {
      if (start[i] == '\n') {
        lines.add(new String(start, from, i - from, StandardCharsets.ISO_8859_1));
        from = i + 1;
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    if (lines.getFirst().startsWith("#")) {
      String path = "";
      for (String line : lines) {
        if (!line.startsWith("#")) {
          break;
        }
        if (line.startsWith("#path")) {
          path = line.substring("#path".length()).strip();
        } else if (line.startsWith("#open")) {
          return ZEEK_KEY + path + " " + line.substring("#open".length()).strip();
        }
      }
      // a Zeek header without #open: the header up to its first record identifies it
      int firstData = -1;
      for (int i = 0; i < lines.size() && firstData < 0; i++) {
        firstData = lines.get(i).startsWith("#") ? -1 : i;
      }
      return firstData < 0 ? null : ZEEK_KEY + sha256(String.join("\n", lines.subList(0, firstData + 1)));
    }
    return LINE_KEY + sha256(lines.getFirst());
  }

  private static byte[] readUpTo(InputStream in, int limit) throws IOException {
    byte[] buffer = new byte[limit];
    int n = 0;
    try {
      int r;
      while (n < limit && (r = in.read(buffer, n, limit - n)) > 0) {
        n += r;
      }
    } catch (EOFException e) {
      // a gzip copy still being written: what it has so far
    }
    return java.util.Arrays.copyOf(buffer, n);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** The offset just past the last newline of a plain file of {@code size} bytes (0 when it has none). */
  private static long completeLinesEnd(Path file, long size, long floor) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(8 * 1024);
      long to = size;
      while (to > floor) {
        long from = Math.max(floor, to - buffer.capacity());
        buffer.clear().limit((int) (to - from));
        channel.read(buffer, from);
        for (int i = (int) (to - from) - 1; i >= 0; i--) {
          if (buffer.get(i) == '\n') {
            return from + i + 1;
          }
        }
        to = from;
      }
      return floor;
    }
  }

  /**
   * The offset just past the last newline of a gzip copy's content; a copy still being compressed counts up to
   * what it holds so far.
   */
  private static long completeLinesEndGzip(Path file) throws IOException {
    long position = 0;
    long end = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream content = ZeekDnsLogReader.bytes(file)) {
      int n;
      while ((n = content.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            end = position + i + 1;
          }
        }
        position += n;
      }
    } catch (EOFException e) {
      // still being written
    }
    return end;
  }

  /** At most {@code remaining} bytes of {@code in} (the complete lines; a partial last line is left for later). */
  private static final class BoundedInput extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInput(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // the caller closes the underlying stream
    }
  }

  /** One poll as a source, for ingest code that takes a {@link DnsEventSource}. */
  public DnsEventSource nextPoll() {
    return this::poll;
  }
}
