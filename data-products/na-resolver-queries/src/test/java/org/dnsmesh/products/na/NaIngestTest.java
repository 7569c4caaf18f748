package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dnsmesh.productkit.validate.FieldValues;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

class NaIngestTest {

  @Test
  void sampleLogBecomesPseudonymisedRowsThatTheContractJudges() throws Exception {
    List<Row> rows = NaFixtures.rows(NaFixtures.sampleLog());
    assertThat(rows).hasSize(13);
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.values()).doesNotContainKey("client_ip").doesNotContainKey("source_uid");
      assertThat(r.string("client_id")).matches("[0-9a-f]{32}");
      assertThat(r.string("client_id_key_id")).isEqualTo("k1");
    });
    assertThat(rows.get(0).string("client_id")).isEqualTo(NaFixtures.clientId("10.1.0.10"));
    assertThat(rows.get(11).values()).containsEntry("answer_count", 2).containsEntry("qtype", "MX");

    RecordValidator validator = NaResolverQueries.contract().validator();
    long invalid = rows.stream().filter(r -> !validator.validate(FieldValues.of(r.values())).isValid()).count();
    assertThat(invalid).isEqualTo(1); // the name with a space
  }

  /**
   * Regression (issue 17): a row whose query Zeek left unset ({@code -}: SERVFAIL without a question section) cannot
   * be encoded as the contract's record (query_name is required). It went only to the dead-letter topic, so the
   * quarantine table and its completeness never saw it, and its partial bytes corrupted the next event. Now it goes
   * into the event stream as a reject naming the field (the pipeline quarantines it), and the next event encodes
   * to exactly the bytes it has alone.
   */
  @Test
  void unsetQueryIsRejectedIntoTheStreamAndTheNextEventIsIntact() throws Exception {
    String header = String.join("\n", "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)",
        "#unset_field\t-", "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt"
            + "\tquery\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tanswers\tTTLs\trejected") + "\n";
    String unset = "1521912737.880329\tCC1\t10.47.2.155\t44256\t10.10.2.1\t53\tudp\t53275\t-\t-\t-\t-\t2\tSERVFAIL\tF\tF\tF\tF\t-\t-\tT\n";
    String valid = "1521912737.990000\tCC2\t10.47.2.155\t44257\t10.10.2.1\t53\tudp\t53276\t0.001\twww.example.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF\n";
    org.dnsmesh.products.support.ProductIngest ingest = new org.dnsmesh.products.support.ProductIngest(
        NaResolverQueries.contract(), NaResolverQueries.transform(), NaFixtures.KEYS);
    List<String> rejects = new java.util.ArrayList<>();
    List<byte[]> events = new java.util.ArrayList<>();
    org.dnsmesh.productkit.transport.EventSink sink = new org.dnsmesh.productkit.transport.EventSink() {
      @Override
      public void send(String key, byte[] value) {
        events.add(value);
      }

      @Override
      public void reject(String key, byte[] original, String reason) {
        rejects.add(key + " " + reason + " | " + new String(original, java.nio.charset.StandardCharsets.UTF_8));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };

    org.dnsmesh.productkit.pipeline.IngestSummary both = ingest.ingest(new org.dnsmesh.productkit.source.ZeekDnsLogReader(
        new java.io.StringReader(header + unset + valid), "dns.log"), org.dnsmesh.productkit.normalize
        .CaptureDuplicateFilter.oneMillisecond(), sink, org.dnsmesh.productkit.pipeline.DeadLetterSink.none());
    List<byte[]> alone = new java.util.ArrayList<>();
    new org.dnsmesh.products.support.ProductIngest(NaResolverQueries.contract(), NaResolverQueries.transform(),
        NaFixtures.KEYS).ingest(new org.dnsmesh.productkit.source.ZeekDnsLogReader(new java.io.StringReader(
            header + valid), "dns.log"), org.dnsmesh.productkit.normalize.CaptureDuplicateFilter.oneMillisecond(),
        new org.dnsmesh.productkit.transport.EventSink() {
          @Override
          public void send(String key, byte[] value) {
            alone.add(value);
          }

          @Override
          public void reject(String key, byte[] original, String reason) {}

          @Override
          public void flush() {}

          @Override
          public void close() {}
        }, org.dnsmesh.productkit.pipeline.DeadLetterSink.none());

    assertThat(both).isEqualTo(new org.dnsmesh.productkit.pipeline.IngestSummary(2, 1, 0, 0, 1));
    assertThat(rejects).containsExactly("dns.log:6 contract: query_name: required but unset in the source | "
        + unset.strip());
    assertThat(events).hasSize(1);
    assertThat(events.getFirst()).isEqualTo(alone.getFirst());
    assertThat(ingest.codec().decode(events.getFirst()).get("query_name").toString()).isEqualTo("www.example.org");
  }
}
