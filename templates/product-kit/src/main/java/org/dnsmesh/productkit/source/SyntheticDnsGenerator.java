package org.dnsmesh.productkit.source;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Deterministic synthetic DNS query/response events (see {@link SyntheticProfile} for the distributions). The same
 * profile and seed give the same events; each event's {@code original} is a JSON line that
 * {@link JsonLinesDnsReader} reads back to the same event, so generated traffic can be written as sample data.
 */
public final class SyntheticDnsGenerator implements DnsEventSource {

  private static final String[] TLDS = {
    "com", "com", "com", "com", "net", "org", "de", "co.uk", "fr", "nl", "io", "jp", "com.au", "info", "ca", "br",
    "ru", "eu", "co.jp", "org.uk"
  };
  private static final String[] PREFIXES = {"", "", "", "www.", "www.", "api.", "cdn.", "mail.", "static.", "login."};
  private static final String[] SYLLABLES = {
    "ka", "zu", "mi", "ro", "te", "lan", "dor", "vex", "pi", "qua", "net", "sol", "bri", "mon", "ta", "gle", "fy",
    "ex", "ora", "lum", "cast", "ify", "hub", "zen"
  };
  private static final String[] IDN_NAMES = {"bücher.de", "café.fr", "münchen.de", "例え.jp", "пример.рф"};
  private static final String[] QTYPES = {"A", "AAAA", "HTTPS", "PTR", "MX", "TXT", "CNAME", "SRV", "NS", "SOA"};
  private static final int[] QTYPE_CODES = {1, 28, 65, 12, 15, 16, 5, 33, 2, 6};
  private static final double[] QTYPE_WEIGHTS = {0.52, 0.26, 0.08, 0.05, 0.03, 0.02, 0.015, 0.01, 0.01, 0.005};
  private static final int[] TTL_CHOICES = {30, 60, 300, 300, 600, 3600, 3600, 86400};

  private final SyntheticProfile profile;

  public SyntheticDnsGenerator(SyntheticProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  @Override
  public SourceCounts readAll(Sink sink) {
    generate(profile.events(), sink::event);
    return new SourceCounts(profile.events(), 0);
  }

  /** Generates {@code count} events into {@code consumer}. */
  public void generate(long count, Consumer<RawDnsEvent> consumer) {
    State state = new State(profile);
    for (long i = 0; i < count; i++) {
      consumer.accept(state.next(i + 1));
    }
  }

  /** Mutable generator state; one per run so that runs never share randomness. */
  private static final class State {
    private final SyntheticProfile profile;
    private final SplittableRandom random;
    private final ZipfSampler names;
    private final ZipfSampler clients;
    private final String[] vocabulary;
    private final double burstStartChance;
    private double clockSeconds;
    private int burstRemaining;
    private int burstClient;
    private String burstDomain;

    State(SyntheticProfile profile) {
      this.profile = profile;
      this.random = new SplittableRandom(profile.seed());
      this.names = new ZipfSampler(profile.names(), profile.zipfExponent());
      this.clients = new ZipfSampler(profile.clients(), profile.zipfExponent() * 0.8);
      this.vocabulary = buildVocabulary(profile.names(), new SplittableRandom(profile.seed() ^ 0x5DEECE66DL));
      this.burstStartChance = profile.burstsPerMillion() / 1_000_000.0;
    }

    RawDnsEvent next(long sequence) {
      clockSeconds += interArrival();
      Instant ts = profile.start().plus((long) (clockSeconds * 1_000_000), ChronoUnit.MICROS);
      if (burstRemaining == 0 && random.nextDouble() < burstStartChance) {
        burstRemaining = profile.burstLength();
        burstClient = clients.next(random);
        burstDomain = vocabulary[names.next(random)];
      }
      boolean inBurst = burstRemaining > 0 && random.nextBoolean();
      int client;
      String query;
      int qtypeIndex;
      String rcode;
      if (inBurst) {
        burstRemaining--;
        client = burstClient;
        query = randomLabel(12) + "." + registrable(burstDomain);
        qtypeIndex = 0;
        rcode = "NXDOMAIN";
      } else {
        client = clients.next(random);
        query = vocabulary[names.next(random)];
        qtypeIndex = weighted(QTYPE_WEIGHTS);
        double r = random.nextDouble();
        rcode = r < profile.nxdomainRate() ? "NXDOMAIN" : r < profile.nxdomainRate() + 0.004 ? "SERVFAIL" : "NOERROR";
      }
      String clientIp = clientAddress(client);
      String resolverIp = "192.0.2." + (1 + (client % profile.resolvers()));
      int port = 1024 + random.nextInt(64_511);
      int transactionId = random.nextInt(65_536);
      double rtt = rcode.equals("NOERROR") && random.nextDouble() < 0.7
          ? Math.exp(-8.5 + 0.6 * random.nextDouble() * 2) // cache hit: ~0.2-0.7 ms
          : Math.exp(-4.6 + 1.2 * gaussian()); // recursion: ~10 ms median, long tail
      List<String> answers = new ArrayList<>();
      List<Double> ttls = new ArrayList<>();
      if (rcode.equals("NOERROR")) {
        int n = 1 + (random.nextDouble() < 0.2 ? random.nextInt(3) : 0);
        for (int a = 0; a < n; a++) {
          answers.add(answer(QTYPES[qtypeIndex], query));
          ttls.add((double) TTL_CHOICES[random.nextInt(TTL_CHOICES.length)]);
        }
      }
      String uid = "S" + Long.toString(profile.seed() & 0xFFFFFF, 36) + Long.toString(sequence, 36);
      Instant at = ts;
      String rcodeName = rcode;
      SourceText json = SourceText.rendered(() -> toJson(at, uid, clientIp, port, resolverIp, transactionId, rtt,
          query, qtypeIndex, rcodeName, answers, ttls)); // rendered only for an event that is rejected
      return new RawDnsEvent(ts, uid, clientIp, port, resolverIp, 53, "udp", transactionId, rtt, query,
          QTYPE_CODES[qtypeIndex], QTYPES[qtypeIndex], rcodeCode(rcode), rcode, false, false, true, true, answers,
          ttls, false, new SourcePosition("synthetic-" + profile.seed(), sequence), json);
    }

    private double interArrival() {
      double secondOfDay = (profile.start().getEpochSecond() + clockSeconds) % 86_400;
      // peak at 15:00 UTC, trough at 03:00
      double factor = 1 + profile.diurnalAmplitude() * Math.sin(2 * Math.PI * (secondOfDay / 86_400.0 - 0.375));
      double rate = profile.eventsPerSecond() * factor;
      return -Math.log(1 - random.nextDouble()) / rate;
    }

    private double gaussian() {
      return random.nextGaussian();
    }

    private int weighted(double[] weights) {
      double r = random.nextDouble();
      double sum = 0;
      for (int i = 0; i < weights.length; i++) {
        sum += weights[i];
        if (r < sum) {
          return i;
        }
      }
      return 0;
    }

    private String clientAddress(int client) {
      if (client % 10 == 9) {
        return "2001:db8:" + Integer.toHexString(client / 256) + ":" + Integer.toHexString(client % 256) + "::"
            + Integer.toHexString(1 + client % 7);
      }
      return "10." + (client >> 16 & 0xFF) + "." + (client >> 8 & 0xFF) + "." + (client & 0xFF);
    }

    private String answer(String qtype, String query) {
      return switch (qtype) {
        case "A" -> "198.51.100." + random.nextInt(256);
        case "AAAA" -> "2001:db8:ff::" + Integer.toHexString(random.nextInt(65_536));
        case "CNAME" -> "edge." + registrable(query);
        case "MX" -> "mail." + registrable(query);
        case "NS" -> "ns1." + registrable(query);
        default -> registrable(query);
      };
    }

    private String randomLabel(int length) {
      StringBuilder label = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        label.append((char) ('a' + random.nextInt(26)));
      }
      return label.toString();
    }

    private static String registrable(String name) {
      String bare = name;
      for (String prefix : PREFIXES) {
        if (!prefix.isEmpty() && bare.startsWith(prefix)) {
          bare = bare.substring(prefix.length());
          break;
        }
      }
      return bare;
    }

    private static String[] buildVocabulary(int size, SplittableRandom random) {
      String[] names = new String[size];
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < size; i++) {
        String name;
        int attempts = 0;
        do {
          String prefix = PREFIXES[random.nextInt(PREFIXES.length)];
          if (random.nextDouble() < 0.01) {
            name = prefix + IDN_NAMES[random.nextInt(IDN_NAMES.length)];
          } else {
            StringBuilder s = new StringBuilder();
            for (int k = 0, n = 2 + random.nextInt(3); k < n; k++) {
              s.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            name = prefix + s + "." + TLDS[random.nextInt(TLDS.length)];
          }
        } while (!seen.add(name) && ++attempts < 1_000);
        names[i] = name;
      }
      return names;
    }

    private static int rcodeCode(String rcode) {
      return switch (rcode) {
        case "NOERROR" -> 0;
        case "SERVFAIL" -> 2;
        case "NXDOMAIN" -> 3;
        default -> throw new IllegalStateException(rcode);
      };
    }

    private static String toJson(Instant ts, String uid, String clientIp, int port, String resolverIp,
        int transactionId, double rtt, String query, int qtypeIndex, String rcode, List<String> answers,
        List<Double> ttls) {
      StringBuilder json = new StringBuilder(256);
      json.append("{\"ts\":\"").append(ts).append("\",\"uid\":\"").append(uid)
          .append("\",\"id.orig_h\":\"").append(clientIp).append("\",\"id.orig_p\":").append(port)
          .append(",\"id.resp_h\":\"").append(resolverIp).append("\",\"id.resp_p\":53,\"proto\":\"udp\"")
          .append(",\"trans_id\":").append(transactionId).append(",\"rtt\":").append(rtt)
          .append(",\"query\":\"").append(query).append("\",\"qtype\":").append(QTYPE_CODES[qtypeIndex])
          .append(",\"qtype_name\":\"").append(QTYPES[qtypeIndex]).append("\",\"rcode\":").append(rcodeCode(rcode))
          .append(",\"rcode_name\":\"").append(rcode)
          .append("\",\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":true,\"answers\":[");
      for (int i = 0; i < answers.size(); i++) {
        json.append(i == 0 ? "\"" : ",\"").append(answers.get(i)).append('"');
      }
      json.append("],\"TTLs\":[");
      for (int i = 0; i < ttls.size(); i++) {
        json.append(i == 0 ? "" : ",").append(ttls.get(i));
      }
      return json.append("],\"rejected\":false}").toString();
    }
  }
}
