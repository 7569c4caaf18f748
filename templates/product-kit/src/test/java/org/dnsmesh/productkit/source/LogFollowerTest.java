package org.dnsmesh.productkit.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower against files written, rotated and truncated the way Zeek and logrotate do. The expected lines are
 * the ones each test wrote itself (uids numbered by the test), so every assertion is "exactly these, once".
 */
class LogFollowerTest {

  @TempDir Path dir;

  /** A Zeek TSV dns.log as Zeek writes it: the header with its #open, then one line per transaction. */
  static final class ZeekLog {
    static final int HEADER_LINES = 8;
    final Path file;
    final String open;
    int next;

    ZeekLog(Path file, String open, int firstUid) throws IOException {
      this.file = file;
      this.open = open;
      this.next = firstUid;
      Files.writeString(file, header(open), StandardCharsets.UTF_8);
    }

    static String header(String open) {
      return "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n#open\t" + open
          + "\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqtype\t"
          + "qtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tanswers\tTTLs\trejected\n"
          + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\t"
          + "string\tbool\tbool\tbool\tbool\tvector[string]\tvector[interval]\tbool\n";
    }

    static String line(int uid) {
      return (1767607200 + uid) + ".000000\tC" + uid + "\t10.1.0.10\t40001\t10.0.0.53\t53\tudp\t" + uid
          + "\t0.012000\tq" + uid + ".example.com\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF\n";
    }

    /** Appends {@code count} lines; returns their uids. */
    List<String> append(int count) throws IOException {
      List<String> uids = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < count; i++) {
        uids.add("C" + next);
        text.append(line(next++));
      }
      write(text.toString());
      return uids;
    }

    void write(String text) throws IOException {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }

  static final class Collected implements DnsEventSource.Sink {
    final List<RawDnsEvent> events = new ArrayList<>();
    final List<UnparsedRecord> unparsed = new ArrayList<>();

    @Override
    public void event(RawDnsEvent event) {
      events.add(event);
    }

    @Override
    public void unparsed(UnparsedRecord record) {
      unparsed.add(record);
    }

    List<String> uids() {
      return events.stream().map(RawDnsEvent::uid).toList();
    }

    void clear() {
      events.clear();
      unparsed.clear();
    }
  }

  private final List<String> warnings = new ArrayList<>();

  private LogFollower follower(String spec) throws IOException {
    return LogFollower.follow(spec, dir.resolve("state/follow.json"), warnings::add);
  }

  @Test
  void eachPollReadsTheLinesAppendedSinceTheLastOne() throws IOException {
    ZeekLog log = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-19-00-00", 1);
    List<String> first = log.append(3);
    LogFollower follower = follower("zeek:" + log.file);
    Collected sink = new Collected();

    assertThat(follower.poll(sink)).isEqualTo(new SourceCounts(3, 0));
    assertThat(sink.uids()).isEqualTo(first);
    sink.clear();
    List<String> second = log.append(2);
    assertThat(follower.poll(sink)).isEqualTo(new SourceCounts(2, 0));
    assertThat(sink.uids()).isEqualTo(second);
    assertThat(sink.events.getLast().position()).isEqualTo(new SourcePosition("dns.log", ZeekLog.HEADER_LINES + 5));
    sink.clear();
    assertThat(follower.poll(sink)).isEqualTo(new SourceCounts(0, 0));
    assertThat(follower.bytesBehind()).isZero();
  }

  @Test
  void aLastLineWithoutItsNewlineWaitsForIt() throws IOException {
    ZeekLog log = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-19-00-00", 1);
    log.append(2);
    String third = ZeekLog.line(3);
    int cut = third.indexOf("q3.exam") + 3;
    log.write(third.substring(0, cut)); // the logger's write cut in the middle of the query name
    LogFollower follower = follower("zeek:" + log.file);
    Collected sink = new Collected();

    assertThat(follower.poll(sink)).isEqualTo(new SourceCounts(2, 0));
    assertThat(follower.bytesBehind()).isEqualTo(cut);
    sink.clear();
    assertThat(follower.poll(sink)).as("still no newline").isEqualTo(new SourceCounts(0, 0));
    log.write(third.substring(cut));
    assertThat(follower.poll(sink)).isEqualTo(new SourceCounts(1, 0));
    assertThat(sink.events.getFirst().query()).isEqualTo("q3.example.com");
    assertThat(sink.events.getFirst().position().line()).isEqualTo(ZeekLog.HEADER_LINES + 3);
  }

  @Test
  void aRotatedGzipCopyIsReadOnlyBeyondWhatWasReadFromTheLiveFile() throws IOException {
    ZeekLog live = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-19-00-00", 1);
    List<String> expected = new ArrayList<>(live.append(5));
    LogFollower follower = follower("zeek:" + live.file);
    Collected sink = new Collected();
    follower.poll(sink);
    // written after the last poll and before the rotation: only the rotated copy has them
    expected.addAll(live.append(3));
    Path rotated = dir.resolve("dns.2026-12-07-19-00-00-2026-12-07-20-00-00.log.gz");
    gzip(live.file, rotated);
    Files.delete(live.file);
    ZeekLog next = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-20-00-00", 100);
    expected.addAll(next.append(4));

    assertThat(follower.poll(sink)).isEqualTo(new SourceCounts(3 + 4, 0));
    assertThat(sink.uids()).as("every line once, in order").isEqualTo(expected);
    RawDnsEvent fromCopy = sink.events.get(5);
    assertThat(fromCopy.position()).as("numbered as in the log").isEqualTo(
        new SourcePosition(rotated.getFileName().toString(), ZeekLog.HEADER_LINES + 6));
    sink.clear();
    assertThat(follower.poll(sink)).isEqualTo(new SourceCounts(0, 0));
  }

  @Test
  void aRotatedCopyOfALogNeverStartedIsNotReadButAGlobReadsEveryLogOnce() throws IOException {
    ZeekLog old = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-18-00-00", 1);
    List<String> oldUids = old.append(4);
    gzip(old.file, dir.resolve("dns.2026-12-07-18-00-00-2026-12-07-19-00-00.log.gz"));
    Files.delete(old.file);
    ZeekLog live = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-19-00-00", 10);
    List<String> liveUids = live.append(2);
    Collected sink = new Collected();

    follower("zeek:" + live.file).poll(sink);
    assertThat(sink.uids()).as("a single file: its rotated siblings only finish logs it started").isEqualTo(liveUids);

    sink.clear();
    LogFollower glob = LogFollower.follow("zeek:" + dir + "/dns.*", dir.resolve("glob.json"), warnings::add);
    glob.poll(sink);
    List<String> all = new ArrayList<>(oldUids);
    all.addAll(liveUids);
    assertThat(sink.uids()).isEqualTo(all);
  }

  @Test
  void aFileTruncatedInPlaceIsReadAgainFromItsStartWithAWarning() throws IOException {
    ZeekLog log = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-19-00-00", 1);
    log.append(5);
    LogFollower follower = follower("zeek:" + log.file);
    Collected sink = new Collected();
    follower.poll(sink);
    sink.clear();
    // the same log (same #open) cut back and written again, shorter than what was read
    Files.writeString(log.file, ZeekLog.header(log.open) + ZeekLog.line(50) + ZeekLog.line(51));

    assertThat(follower.poll(sink)).isEqualTo(new SourceCounts(2, 0));
    assertThat(sink.uids()).containsExactly("C50", "C51");
    assertThat(warnings).singleElement().asString().contains("truncated in place").contains("dns.log");
  }

  @Test
  void aRestartResumesFromTheLastCheckpointNotFromWhatWasOnlyPolled() throws IOException {
    ZeekLog log = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-19-00-00", 1);
    log.append(4);
    LogFollower first = follower("zeek:" + log.file);
    first.poll(new Collected());
    first.checkpoint();
    List<String> afterCheckpoint = log.append(3);
    first.poll(new Collected()); // read, but the run died before it was safe downstream: no checkpoint

    LogFollower restarted = follower("zeek:" + log.file);
    Collected sink = new Collected();
    assertThat(restarted.poll(sink)).isEqualTo(new SourceCounts(3, 0));
    assertThat(sink.uids()).isEqualTo(afterCheckpoint);
    assertThat(sink.events.getFirst().position().line()).as("numbering continues")
        .isEqualTo(ZeekLog.HEADER_LINES + 5);
    assertThat(sink.events.getFirst().query()).as("the header was replayed: columns by name")
        .isEqualTo("q5.example.com");
  }

  @Test
  void theCheckpointIsRewrittenOnlyWhenAPositionMovedAndABrokenOneIsNamed() throws IOException {
    ZeekLog log = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-19-00-00", 1);
    log.append(2);
    LogFollower follower = follower("zeek:" + log.file);
    follower.poll(new Collected());
    follower.checkpoint();
    Path file = dir.resolve("state/follow.json");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));
    follower.poll(new Collected());
    follower.checkpoint();
    assertThat(Files.getLastModifiedTime(file).toMillis()).as("nothing moved: not rewritten").isZero();
    log.append(1);
    follower.poll(new Collected());
    follower.checkpoint();
    assertThat(Files.getLastModifiedTime(file).toMillis()).isPositive();
    assertThat(FollowCheckpoint.load(file).positions().values()).singleElement()
        .satisfies(p -> assertThat(p.lines()).isEqualTo(ZeekLog.HEADER_LINES + 3));

    Files.writeString(file, "{not json");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> follower("zeek:" + log.file))
        .isInstanceOf(IOException.class).hasMessageContaining(file.toString()).hasMessageContaining("move it away");
  }

  @Test
  void aLineThatIsNotUtf8IsDeadLetteredWithItsNumberAndTheNextOnesAreRead() throws IOException {
    ZeekLog log = new ZeekLog(dir.resolve("dns.log"), "2026-12-07-19-00-00", 1);
    log.append(1);
    Files.write(log.file, "1767607202.0\tCbad\t\u00ff\n".getBytes(StandardCharsets.ISO_8859_1),
        StandardOpenOption.APPEND);
    log.append(1);
    Collected sink = new Collected();

    assertThat(follower("zeek:" + log.file).poll(sink)).isEqualTo(new SourceCounts(2, 1));
    assertThat(sink.unparsed.getFirst().position()).isEqualTo(new SourcePosition("dns.log", ZeekLog.HEADER_LINES + 2));
  }

  @Test
  void jsonLogsAreKnownByTheirFirstLine() throws IOException {
    Path file = dir.resolve("dns.json");
    String first = "{\"ts\":1767607201.0,\"uid\":\"J1\",\"query\":\"a.example\"}\n";
    Files.writeString(file, first);
    LogFollower follower = LogFollower.follow("jsonl:" + file, dir.resolve("json.json"), warnings::add);
    Collected sink = new Collected();
    follower.poll(sink);
    Files.writeString(file, "{\"ts\":1767607202.0,\"uid\":\"J2\",\"query\":\"b.example\"}\n", StandardOpenOption.APPEND);
    Path rotated = dir.resolve("dns.1.json.gz");
    gzip(file, rotated);
    Files.delete(file);
    Files.writeString(file, "{\"ts\":1767607203.0,\"uid\":\"J3\",\"query\":\"c.example\"}\n");

    follower.poll(sink);
    assertThat(sink.uids()).containsExactly("J1", "J2", "J3");
  }

  private static void gzip(Path from, Path to) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
  }
}
