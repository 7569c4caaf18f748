package org.dnsmesh.products.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;

/**
 * A seeded month of ordinary registrar and zone changes (November 2026: daily record changes on subdomains, logins,
 * renewals, contact edits, two planned NS migrations inside approved windows, a marketing burst of promo subdomains)
 * followed by one crafted attack per detection in December, a suppressed finding, and a few invalid raw records.
 * The expected findings are written out by hand from the attack patterns, and severities come from
 * {@link #expectedSeverity}, a table kept here independently of {@link Severity}.
 */
final class SecurityScenario {

  static final DomainKeyRing KEYS = new DomainKeyRing("security", "t1",
      Map.of("t1", new PseudonymKey("t1", "security-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));
  static final String WEBHOOK_FEED = "registrar-webhook:acme-registrar";
  static final String ZONE_FEED = "zone-change-log:dnsprov";
  static final List<String> KNOWN_GOOD = List.of("ns1.dnsprov.example", "ns2.dnsprov.example", "ns3.newprov.example");
  /** The benign month starts 45 days before today (UTC): every event is in the past, as a broker expects. */
  static final Instant MONTH = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(45));

  record RawLine(SourceSystem source, String feed, String text, byte[] bytes, long millis) {}

  record Expected(Rule rule, String caseKey, Severity severity) {}

  final List<RawLine> raw = new ArrayList<>();
  final List<DomainAsset> inventory = new ArrayList<>();
  final List<ChangeWindows> windows = new ArrayList<>();
  final List<NameserverSet> nameservers = new ArrayList<>();
  final List<Expected> expected = new ArrayList<>();
  final Set<String> benignDomains = new TreeSet<>();
  final List<String> clearIdentifiers = new ArrayList<>();
  int invalid;
  /** Approved suppressions, as the catalog publishes them on the suppressions topic. */
  final List<SuppressionRule> suppressions = List.of(new SuppressionRule("SUP-1",
      Rule.DELEGATION_OUTSIDE_WINDOW, "domain:suppressed.example", at(38, "00:00"),
      at(39, "00:00"), "CR-300"));

  private final Random random;
  private final Map<String, DomainAsset> assets = new LinkedHashMap<>();
  private int sequence;

  /** Criticality x confidence band -> severity, written out independently of the production matrix. */
  static Severity expectedSeverity(Criticality criticality, double confidence) {
    String band = confidence < 0.5 ? "low" : confidence < 0.8 ? "medium" : "high";
    Map<String, Severity> table = Map.of(
        "LOW/low", Severity.LOW, "LOW/medium", Severity.LOW, "LOW/high", Severity.MEDIUM,
        "MEDIUM/low", Severity.LOW, "MEDIUM/medium", Severity.MEDIUM, "MEDIUM/high", Severity.HIGH,
        "HIGH/low", Severity.MEDIUM, "HIGH/medium", Severity.HIGH, "HIGH/high", Severity.HIGH);
    return table.get(criticality + "/" + band);
  }

  SecurityScenario(long seed) {
    this.random = new Random(seed);
    Criticality[] levels = Criticality.values();
    for (int i = 1; i <= 20; i++) {
      String domain = "brand-%02d.example".formatted(i);
      asset(domain, levels[i % 3], i <= 10 ? "acct-a" : "acct-b");
      benignDomains.add(domain);
    }
    asset("spike.example", Criticality.HIGH, "acct-c");
    asset("hijack.example", Criticality.HIGH, "acct-c");
    asset("deleg.example", Criticality.HIGH, "acct-c");
    asset("nsswap.example", Criticality.MEDIUM, "acct-c");
    asset("ident.example", Criticality.MEDIUM, "acct-c");
    asset("suppressed.example", Criticality.LOW, "acct-c");
    for (int i = 1; i <= 6; i++) {
      asset("mass-%d.example".formatted(i), Criticality.MEDIUM, "acct-mass");
    }
    for (int i = 1; i <= 12; i++) {
      asset("churn-%02d.example".formatted(i), Criticality.MEDIUM, "acct-churn");
    }
    for (DomainAsset asset : assets.values()) {
      nameservers.add(new NameserverSet(asset.domain(), KNOWN_GOOD));
    }
    benignMonth();
    attacks();
    raw.sort(Comparator.comparingLong(RawLine::millis)); // each feed in time order (stable: ties keep their order)
  }

  private void asset(String domain, Criticality criticality, String account) {
    DomainAsset asset = new DomainAsset(domain, "team-" + account, "bu-" + account, criticality, account);
    assets.put(domain, asset);
    inventory.add(asset);
  }

  private String ops(String domain) {
    return "ops@" + assets.get(domain).registrarAccount() + ".example";
  }

  private void benignMonth() {
    List<String> domains = List.copyOf(assets.keySet());
    String[] types = {"A", "AAAA", "TXT", "MX", "CNAME"};
    for (int day = 0; day < 30; day++) {
      Instant midnight = MONTH.plus(Duration.ofDays(day));
      for (int d = 0; d < domains.size(); d++) {
        String domain = domains.get(d);
        int changes = random.nextInt(4);
        for (int c = 0; c < changes; c++) {
          Instant at = midnight.plus(Duration.ofMinutes(8 * 60 + random.nextInt(10 * 60)));
          String type = types[random.nextInt(types.length)];
          String name = (type.equals("MX") ? "" : "www" + random.nextInt(5) + ".") + domain;
          zone(at, domain, name, type, "300->300", value(type, 1), value(type, 2), ops(domain), null, null);
        }
        if (d % 28 == day) {
          webhook(at(midnight, 11, d), "contact.updated", domain, ops(domain), "{\"email\":\"admin+" + day + "@"
              + domain + "\"}", null, null, null);
        }
        if ((d * 7) % 30 == day) {
          webhook(at(midnight, 2, d), "renewal.status_changed", domain, "registrar-system", null,
              "\"change\":{\"old\":\"active\",\"new\":\"renewed\"}", null, null);
        }
      }
      for (String account : List.of("acct-a", "acct-b", "acct-c", "acct-mass", "acct-churn")) {
        String home = assets.values().stream().filter(a -> account.equals(a.registrarAccount())).findFirst()
            .orElseThrow().domain();
        webhook(at(midnight, 8, 0), "session.login", home, "ops@" + account + ".example", null, null, null,
            "{\"risk\":\"none\"}");
      }
    }
    // a legitimate outgoing transfer preparation: one auth-code request
    webhook(at(11, "15:00"), "auth_code.requested", "brand-10.example", ops("brand-10.example"),
        null, null, null, null);
    // two planned NS migrations inside their approved windows, TTLs lowered the day before
    for (String domain : List.of("brand-03.example", "brand-07.example")) {
      Instant start = at(14, "09:00");
      windows.add(new ChangeWindows(domain, List.of(new ChangeWindows.Window(start.toEpochMilli(),
          start.plus(Duration.ofHours(3)).toEpochMilli(), "CR-100"))));
      zone(at(13, "10:00"), domain, "www0." + domain, "A", "3600->300", "192.0.2.1",
          "192.0.2.1", ops(domain), "CR-100", "lead@corp.example");
      webhook(at(14, "10:00"), "nameservers.updated", domain, ops(domain), null,
          "\"change\":{\"old\":[\"ns1.dnsprov.example\",\"ns2.dnsprov.example\"],"
              + "\"new\":[\"ns3.newprov.example\",\"ns1.dnsprov.example\"]},"
              + "\"change_request\":{\"id\":\"CR-100\",\"approver\":\"lead@corp.example\"}", null, null);
    }
    // marketing: six promo subdomains within one hour
    for (int i = 0; i < 6; i++) {
      zone(at(19, "14:00").plus(Duration.ofMinutes(7 * i)), "brand-05.example",
          "promo" + i + ".brand-05.example", "A", "-", "-", "192.0.2." + (50 + i), ops("brand-05.example"), null, null);
    }
    // invalid raw records: each must reach the dead-letter topic with a reason
    Instant early = MONTH.plus(Duration.ofMinutes(1));
    rawLine(SourceSystem.REGISTRAR_WEBHOOK, "{\"id\": \"broken", early);
    rawLine(SourceSystem.REGISTRAR_WEBHOOK, "{\"id\":\"x1\",\"type\":\"domain.exploded\",\"occurred_at\":"
        + "\"2026-11-01T00:01:00Z\",\"tenant\":\"acme\",\"domain\":\"brand-01.example\",\"actor\":{\"email\":\"a@b.c\"}}", early);
    rawLine(SourceSystem.REGISTRAR_WEBHOOK, "{\"id\":\"x2\",\"type\":\"domain.locked\",\"occurred_at\":"
        + "\"yesterday\",\"tenant\":\"acme\",\"domain\":\"brand-01.example\",\"actor\":{\"email\":\"a@b.c\"}}", early);
    rawLine(SourceSystem.ZONE_CHANGE_LOG, "ts=2026-11-01T00:01:00Z id=z1 tenant=acme zone=brand-01.example. "
        + "op=REPLACE name=www.brand-01.example. type=A ttl=300->abc old=192.0.2.1 new=192.0.2.2 user=ops@acct-a.example",
        early);
    raw.add(new RawLine(SourceSystem.ZONE_CHANGE_LOG, ZONE_FEED, null,
        new byte[] {'t', 's', '=', (byte) 0xC3, (byte) 0x28}, early.toEpochMilli()));
    invalid = 5;
  }

  private void attacks() {
    // (a) 40 TXT changes within 40 minutes on a zone that changes a TXT record every few days
    for (int i = 0; i < 40; i++) {
      zone(at(31, "10:00").plus(Duration.ofMinutes(i)), "spike.example",
          "_verify" + i + ".spike.example", "TXT", "300->300", "-", "\"v=" + i + "\"", ops("spike.example"), null, null);
    }
    expect(Rule.CHANGE_RATE_SPIKE, "domain:spike.example", Criticality.HIGH, 0.6);
    // (b) contacts of twelve domains of one account changed within an hour
    for (int i = 1; i <= 12; i++) {
      String domain = "churn-%02d.example".formatted(i);
      webhook(at(32, "14:00").plus(Duration.ofMinutes(4 * i)), "contact.updated", domain,
          ops(domain), "{\"email\":\"new-owner@mail.example\"}", null, null, null);
    }
    expect(Rule.CONTROL_SURFACE_CHURN, "account:acct-churn", Criticality.MEDIUM, 0.6);
    // (c) one actor requests auth codes for six domains in ten minutes
    for (int i = 1; i <= 6; i++) {
      webhook(at(33, "02:00").plus(Duration.ofMinutes(2 * i)), "auth_code.requested",
          "mass-%d.example".formatted(i), "mallory@evil.example", null, null, null, null);
    }
    expect(Rule.MASS_SENSITIVE_REQUESTS, "account:acct-mass", Criticality.MEDIUM, 0.7);
    // (d) NS change with no approved window (to known-good servers)
    webhook(at(34, "03:00"), "nameservers.updated", "deleg.example", ops("deleg.example"), null,
        "\"change\":{\"old\":[\"ns1.dnsprov.example\",\"ns2.dnsprov.example\"],\"new\":[\"ns3.newprov.example\"]}",
        null, null);
    expect(Rule.DELEGATION_OUTSIDE_WINDOW, "domain:deleg.example", Criticality.HIGH, 0.75);
    // (d) NS change inside an approved window, but to nameservers outside the known-good set
    Instant swap = at(35, "10:00");
    windows.add(new ChangeWindows("nsswap.example", List.of(new ChangeWindows.Window(
        swap.minus(Duration.ofHours(1)).toEpochMilli(), swap.plus(Duration.ofHours(2)).toEpochMilli(), "CR-200"))));
    zone(swap, "nsswap.example", "nsswap.example", "NS", "86400->300", "ns1.dnsprov.example,ns2.dnsprov.example",
        "ns1.evil-dns.example,ns2.evil-dns.example", ops("nsswap.example"), "CR-200", "lead@corp.example");
    expect(Rule.NAMESERVER_NOT_KNOWN_GOOD, "domain:nsswap.example", Criticality.MEDIUM, 0.9);
    // (e) contact change, unlock, then a transfer request
    webhook(at(36, "09:00"), "contact.updated", "hijack.example", ops("hijack.example"),
        "{\"email\":\"attacker@mail.example\"}", null, null, null);
    webhook(at(36, "09:30"), "domain.unlocked", "hijack.example", ops("hijack.example"), null,
        "\"change\":{\"old\":\"locked\",\"new\":\"unlocked\"}", null, null);
    webhook(at(36, "11:00"), "transfer.requested", "hijack.example", ops("hijack.example"),
        null, null, null, null);
    expect(Rule.UNLOCK_THEN_TRANSFER, "domain:hijack.example", Criticality.HIGH, 0.95);
    // (f) a login from a new country, then a contact change by the same actor
    webhook(at(37, "08:00"), "session.login", "ident.example", "eve@corp.example", null, null,
        null, "{\"risk\":\"new-geo\"}");
    webhook(at(37, "08:30"), "contact.updated", "ident.example", "eve@corp.example",
        "{\"email\":\"eve-new@mail.example\"}", null, null, null);
    expect(Rule.IDENTITY_CORRELATED_CHANGE, "domain:ident.example", Criticality.MEDIUM, 0.85);
    // suppressed: an NS change outside any window, under an approved suppression (SUP-1)
    webhook(at(38, "04:00"), "nameservers.updated", "suppressed.example",
        ops("suppressed.example"), null,
        "\"change\":{\"old\":[\"ns1.dnsprov.example\"],\"new\":[\"ns2.dnsprov.example\"]}", null, null);
  }

  /**
   * Raw lines of NS changes of {@code domain} (no approved window: each is a DELEGATION_OUTSIDE_WINDOW finding) at
   * these event times, not added to the scenario.
   */
  List<RawLine> nameserverChanges(String domain, List<Instant> times) {
    if (!assets.containsKey(domain)) {
      asset(domain, Criticality.MEDIUM, "acct-extra"); // in the inventory list; published only if it is published later
    }
    int before = raw.size();
    for (Instant at : times) {
      webhook(at, "nameservers.updated", domain, ops(domain), null,
          "\"change\":{\"old\":[\"ns1.dnsprov.example\"],\"new\":[\"ns2.dnsprov.example\"]}", null, null);
    }
    List<RawLine> added = new ArrayList<>(raw.subList(before, raw.size()));
    raw.subList(before, raw.size()).clear();
    return added;
  }

  private void expect(Rule rule, String caseKey, Criticality criticality, double confidence) {
    expected.add(new Expected(rule, caseKey, expectedSeverity(criticality, confidence)));
  }

  /** {@code days} after the month's start, at {@code time} (HH:mm, UTC). */
  static Instant at(int days, String time) {
    return MONTH.plus(Duration.ofDays(days)).plus(Duration.between(java.time.LocalTime.MIDNIGHT,
        java.time.LocalTime.parse(time)));
  }

  private static Instant at(Instant midnight, int hour, int salt) {
    return midnight.plus(Duration.ofHours(hour)).plus(Duration.ofSeconds(salt));
  }

  private String value(String type, int variant) {
    return switch (type) {
      case "A" -> "192.0.2." + (variant * 10 + random.nextInt(9));
      case "AAAA" -> "2001:db8::" + variant;
      case "TXT" -> "\"v=spf1-" + variant + "\"";
      case "MX" -> "10:mx" + variant + ".mail.example";
      default -> "target" + variant + ".cdn.example";
    };
  }

  private void zone(Instant at, String domain, String name, String type, String ttl, String old, String now,
      String user, String cr, String approver) {
    String ip = "198.51.100." + (1 + random.nextInt(200));
    clearIdentifiers.add(user);
    clearIdentifiers.add(ip);
    StringBuilder line = new StringBuilder("ts=" + at + " id=chg-" + (++sequence) + " tenant=acme zone=" + domain
        + ". op=REPLACE name=" + name + ". type=" + type + " ttl=" + ttl + " old=" + quoted(old) + " new="
        + quoted(now) + " user=" + user + " ip=" + ip);
    if (cr != null) {
      line.append(" cr=").append(cr).append(" approver=").append(approver);
      clearIdentifiers.add(approver);
    }
    rawLine(SourceSystem.ZONE_CHANGE_LOG, line.toString(), at);
  }

  private static String quoted(String value) {
    return value.contains(" ") ? "\"" + value + "\"" : value;
  }

  private void webhook(Instant at, String type, String domain, String actor, String contact, String extra,
      String unused, String login) {
    String ip = "203.0.113." + (1 + random.nextInt(200));
    clearIdentifiers.add(actor);
    clearIdentifiers.add(ip);
    StringBuilder json = new StringBuilder("{\"id\":\"evt-" + (++sequence) + "\",\"occurred_at\":\"" + at
        + "\",\"type\":\"" + type + "\",\"tenant\":\"acme\",\"domain\":\"" + domain + "\",\"account\":\""
        + assets.get(domain).registrarAccount() + "\",\"actor\":{\"email\":\"" + actor + "\",\"ip\":\"" + ip
        + "\",\"user_agent\":\"Mozilla/5.0\"}");
    if (contact != null) {
      json.append(",\"contact\":").append(contact);
      clearIdentifiers.add(contact.replaceAll(".*\"email\":\"([^\"]+)\".*", "$1"));
    }
    if (extra != null) {
      json.append(',').append(extra);
    }
    if (login != null) {
      json.append(",\"login\":").append(login);
    }
    rawLine(SourceSystem.REGISTRAR_WEBHOOK, json.append('}').toString(), at);
  }

  private void rawLine(SourceSystem source, String text, Instant at) {
    raw.add(new RawLine(source, source == SourceSystem.REGISTRAR_WEBHOOK ? WEBHOOK_FEED : ZONE_FEED, text,
        text.getBytes(StandardCharsets.UTF_8), at.toEpochMilli()));
  }

  /** Domains of the expected attacks and the suppressed one (everything else is benign traffic). */
  Set<String> attackCaseKeys() {
    Set<String> keys = new TreeSet<>();
    expected.forEach(e -> keys.add(e.caseKey()));
    keys.add("domain:suppressed.example");
    return keys;
  }
}
