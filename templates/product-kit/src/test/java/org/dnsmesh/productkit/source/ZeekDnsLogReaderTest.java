package org.dnsmesh.productkit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.dnsmesh.productkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeekDnsLogReaderTest {

  static final String HEADER = """
      #separator \\x09
      #set_separator\t,
      #empty_field\t(empty)
      #unset_field\t-
      #path\tdns
      #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tanswers\tTTLs\trejected
      #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tvector[string]\tvector[interval]\tbool
      """;

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
  }

  @Test
  void readsTsvWithUnsetEmptyAndVectorFields() throws IOException {
    String log = HEADER
        + "1521911720.865716\tCq1\t10.47.1.100\t41772\t10.0.0.100\t53\tudp\t36329\t0.000870\tIse.Wrccdc.ORG\t1\tA\t0\tNOERROR\tF\tF\tT\tT\tise.wrccdc.cpp.edu,134.71.3.16\t2230.000000,41830.000000\tF\n"
        + "1521912990.151233\tCm2\t172.31.255.5\t60878\t10.0.0.1\t53\tudp\t36243\t-\t(empty)\t2\tNS\t-\t-\tF\tF\tT\tF\t-\t-\tF\n"
        + "#close\t2024-04-12-19-34-07\n";
    Collected sink = new Collected();

    SourceCounts counts = new ZeekDnsLogReader(new StringReader(log), "dns.log").readAll(sink);

    assertThat(counts).isEqualTo(new SourceCounts(2, 0));
    RawDnsEvent first = sink.events.getFirst();
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2018-03-24T17:15:20.865716Z"));
    assertThat(first.clientIp()).isEqualTo("10.47.1.100");
    assertThat(first.clientPort()).isEqualTo(41772);
    assertThat(first.rttSeconds()).isEqualTo(0.000870);
    assertThat(first.query()).isEqualTo("Ise.Wrccdc.ORG");
    assertThat(first.answers()).containsExactly("ise.wrccdc.cpp.edu", "134.71.3.16");
    assertThat(first.ttlsSeconds()).containsExactly(2230.0, 41830.0);
    assertThat(first.recursionDesired()).isTrue();
    assertThat(first.position()).isEqualTo(new SourcePosition("dns.log", 8));
    RawDnsEvent second = sink.events.get(1);
    assertThat(second.rttSeconds()).isNull();
    assertThat(second.query()).isEmpty();
    assertThat(second.rcode()).isNull();
    assertThat(second.answers()).isEmpty();
  }

  @Test
  void keepsBadLinesWithReasonAndOriginalText() throws IOException {
    String bad = "1521911720.1\tCq1\t10.0.0.1\tnot-a-port\t10.0.0.2\t53\tudp\t1\t-\tx.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF";
    String log = HEADER + bad + "\n" + "too\tfew\n";
    Collected sink = new Collected();

    SourceCounts counts = new ZeekDnsLogReader(new StringReader(log), "dns.log").readAll(sink);

    assertThat(counts).isEqualTo(new SourceCounts(0, 2));
    assertThat(sink.unparsed.getFirst().reason()).contains("id.orig_p").contains("not-a-port");
    assertThat(sink.unparsed.getFirst().original()).isEqualTo(bad);
    assertThat(sink.unparsed.get(1).reason()).contains("expected 21 fields, found 2");
    assertThat(sink.unparsed.get(1).position().toString()).isEqualTo("dns.log:9");
  }

  @Test
  void rejectsDataBeforeHeader() {
    assertThatThrownBy(() -> new ZeekDnsLogReader(new StringReader("1.0\tx\n"), "f.log").readAll(new Collected()))
        .isInstanceOf(SourceFormatException.class)
        .hasMessageContaining("f.log:1");
  }

  @Test
  void opensZeekJsonLogs(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("dns.json");
    Files.writeString(file, """
        {"ts":1521911720.865716,"uid":"Cq1","id.orig_h":"10.47.1.100","id.orig_p":41772,"id.resp_h":"10.0.0.100","id.resp_p":53,"proto":"udp","trans_id":36329,"rtt":0.00087,"query":"ise.wrccdc.org","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR","AA":false,"TC":false,"RD":true,"RA":true,"answers":["134.71.3.16"],"TTLs":[2230.0],"rejected":false}
        {"ts":"2018-03-24T17:15:21.000001Z","uid":"Cq2","id.orig_h":"10.47.1.101","query":"example.com","qtype":28,"qtype_name":"AAAA","rcode":3,"rcode_name":"NXDOMAIN"}
        not json
        """);
    Collected sink = new Collected();

    SourceCounts counts = ZeekDnsLogReader.open(file).readAll(sink);

    assertThat(counts).isEqualTo(new SourceCounts(2, 1));
    assertThat(sink.events.getFirst().timestamp()).isEqualTo(Instant.parse("2018-03-24T17:15:20.865716Z"));
    assertThat(sink.events.getFirst().ttlsSeconds()).containsExactly(2230.0);
    assertThat(sink.events.get(1).rcodeName()).isEqualTo("NXDOMAIN");
    assertThat(sink.unparsed.getFirst().reason()).startsWith("not JSON");
  }

  @Test
  void readsTheRealWrccdcLogExactly() throws IOException {
    Path file = SharedData.require(SharedData.WRCCDC_ZEEK_DNS);
    Set<String> clients = new HashSet<>();
    Set<String> queries = new HashSet<>();
    Map<String, Integer> qtypes = new HashMap<>();
    Map<String, Integer> rcodes = new HashMap<>();
    Collected unparsed = new Collected();
    DnsEventSource.Sink sink = new DnsEventSource.Sink() {
      @Override
      public void event(RawDnsEvent event) {
        clients.add(event.clientIp());
        queries.add(Objects.toString(event.query(), "<unset>"));
        qtypes.merge(Objects.toString(event.qtypeName(), "<unset>"), 1, Integer::sum);
        rcodes.merge(Objects.toString(event.rcodeName(), "<unset>"), 1, Integer::sum);
      }

      @Override
      public void unparsed(UnparsedRecord record) {
        unparsed.unparsed(record);
      }
    };

    SourceCounts counts = ZeekDnsLogReader.open(file).readAll(sink);

    assertThat(counts).isEqualTo(new SourceCounts(53_615, 0));
    assertThat(clients).hasSize(77);
    assertThat(queries).hasSize(1_651).contains("<unset>", "");
    assertThat(qtypes).containsEntry("A", 35_525).containsEntry("AAAA", 12_597).containsEntry("PTR", 1_358)
        .containsEntry("AXFR", 1);
    assertThat(rcodes).containsEntry("NOERROR", 42_010).containsEntry("NXDOMAIN", 2_097)
        .containsEntry("SERVFAIL", 8).containsEntry("REFUSED", 2).containsEntry("<unset>", 9_497);
  }

  /**
   * Regression (issue 17): one byte that is not UTF-8 ended the whole run with no line number. The line becomes an
   * unparsed record with file, line number and its bytes as read, and the lines after it are read.
   */
  @Test
  void nonUtf8LineIsUnparsedWithItsLineNumberAndReadingGoesOn(@TempDir Path dir) throws IOException {
    String good = "1521911720.865716\tCq1\t10.47.1.100\t41772\t10.0.0.100\t53\tudp\t36329\t0.000870\tise.wrccdc.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF\n";
    byte[] bad = "1521911721.0\tCq2\t10.47.1.100\t41773\t10.0.0.100\t53\tudp\t1\t0.1\tcaf\u00e9.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // 0xE9 alone: Latin-1, not UTF-8
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    file.writeBytes(HEADER.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    file.writeBytes(good.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    file.writeBytes(bad);
    file.write('\n');
    file.writeBytes(good.replace("Cq1", "Cq3").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path log = dir.resolve("dns.log");
    Files.write(log, file.toByteArray());
    int badLine = HEADER.split("\n").length + 2;

    Collected sink = new Collected();
    SourceCounts counts = ZeekDnsLogReader.open(log).readAll(sink);

    assertThat(counts).isEqualTo(new SourceCounts(2, 1));
    assertThat(sink.events).extracting(RawDnsEvent::uid).containsExactly("Cq1", "Cq3");
    UnparsedRecord unparsed = sink.unparsed.getFirst();
    assertThat(unparsed.position()).isEqualTo(new SourcePosition("dns.log", badLine));
    assertThat(unparsed.reason()).contains("not UTF-8").contains("0xE9");
    assertThat(unparsed.originalBytes()).isEqualTo(bad);
  }

  /** Regression (issue 17): Zeek rotates logs as dns.*.log.gz; they are read like the plain file (TSV and JSON). */
  @Test
  void gzippedLogsAreReadLikeThePlainOnes(@TempDir Path dir) throws IOException {
    String tsv = HEADER
        + "1521911720.865716\tCq1\t10.47.1.100\t41772\t10.0.0.100\t53\tudp\t36329\t0.000870\tise.wrccdc.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF\n"
        + "1521911721.000001\tCq2\t10.47.1.101\t41773\t10.0.0.100\t53\tudp\t36330\t-\t-\t-\t-\t2\tSERVFAIL\tF\tF\tT\tT\t-\t-\tF\n";
    String json = "{\"ts\":1521911720.865716,\"uid\":\"Cj1\",\"id.orig_h\":\"10.47.1.100\",\"query\":\"a.example\"}\n";
    Path plainTsv = Files.writeString(dir.resolve("dns.log"), tsv);
    Path gzTsv = gzip(dir.resolve("dns.00:00:00-01:00:00.log.gz"), tsv);
    Path gzJson = gzip(dir.resolve("dns.json.log.gz"), json);

    Collected plain = new Collected();
    ZeekDnsLogReader.open(plainTsv).readAll(plain);
    Collected zipped = new Collected();
    SourceCounts counts = ZeekDnsLogReader.open(gzTsv).readAll(zipped);
    Collected zippedJson = new Collected();
    ZeekDnsLogReader.open(gzJson).readAll(zippedJson);

    assertThat(counts).isEqualTo(new SourceCounts(2, 0));
    assertThat(zipped.events).extracting(RawDnsEvent::uid, RawDnsEvent::query, RawDnsEvent::rcodeName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Cq1", "ise.wrccdc.org", "NOERROR"),
            org.assertj.core.groups.Tuple.tuple("Cq2", null, "SERVFAIL"));
    assertThat(zipped.events).extracting(RawDnsEvent::original)
        .isEqualTo(plain.events.stream().map(RawDnsEvent::original).toList());
    assertThat(zippedJson.events).extracting(RawDnsEvent::uid).containsExactly("Cj1");
  }

  private static Path gzip(Path file, String text) throws IOException {
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return file;
  }
}
