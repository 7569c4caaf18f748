package org.dnsmesh.contracts;

import java.util.Map;
import java.util.Set;

/**
 * The {@code customProperties} keys this project defines, per level of the contract. Other modules read them
 * (product kit: partitioning, Kafka topic/key, pseudonymisation; governance: classification and masking;
 * catalog: steward, sunset). Any other key is a lint error, so typos do not silently switch a rule off.
 * The README documents each key with an example.
 */
public final class CustomPropertyKeys {
    private CustomPropertyKeys() {}

    // Contract level
    /** Governance group that approves changes (string). */
    public static final String STEWARD = "steward";
    /** ISO date until which this version stays readable after a MAJOR successor (string, yyyy-MM-dd). */
    public static final String SUNSET_DATE = "sunsetDate";
    /** How long Iceberg snapshots stay queryable with time travel before lifecycle runs expire them (duration, e.g. {@code 7d}). */
    public static final String TIME_TRAVEL = "timeTravel";
    /**
     * Retention per column classification (map, e.g. {@code {restricted: 30d}}): a table holding a column of a listed
     * classification keeps rows the shortest of the matching durations (raw client-level data shorter than aggregates).
     */
    public static final String RETENTION_BY_CLASSIFICATION = "retentionByClassification";

    // Schema-object level
    /** Iceberg partition spec: list of transforms such as {@code day(event_ts)}, {@code bucket(16, client_id)}. */
    public static final String PARTITIONING = "partitioning";
    /** Iceberg sort order: list of {@code column [asc|desc]}. */
    public static final String SORT_ORDER = "sortOrder";
    /** Kafka topic that carries this object's records (Avro). */
    public static final String KAFKA_TOPIC = "kafkaTopic";
    /** Column whose value is the Kafka record key. */
    public static final String KAFKA_KEY = "kafkaKey";
    /** Link-local traffic a resolver product leaves out at ingest: list of {@code netbios}, {@code mdns}, {@code llmnr}. */
    public static final String EXCLUDE_TRAFFIC = "excludeTraffic";
    /** Retention of this table (duration, e.g. {@code 30d}); overrides the contract's SLA retention and classification rules. */
    public static final String RETENTION = "retention";
    /** Timestamp column whose age decides retention (default: the column of the day/hour/month/year partition). */
    public static final String RETENTION_COLUMN = "retentionColumn";
    /**
     * Stratified sampling at ingest (map: {@code rate}, {@code rateColumn}, optional {@code strata},
     * {@code strataRates}, {@code keepAll}, {@code key}, {@code salt}); see {@link SamplingDeclaration}.
     */
    public static final String SAMPLING = "sampling";

    // Property level
    /** Masking rule governance applies for readers not entitled to a PII column: see {@link #MASKING_RULES}. */
    public static final String MASKING_RULE = "maskingRule";
    /** Pseudonymisation applied by the pipeline: see {@link #PSEUDONYMISATION_RULES}. */
    public static final String PSEUDONYMISATION = "pseudonymisation";
    /** Source column a pseudonymous column is derived from. */
    public static final String PSEUDONYMISATION_SOURCE = "pseudonymisationSource";
    /** Closed list of values of a string column; mapped to an Avro enum. */
    public static final String ENUM_SYMBOLS = "enumSymbols";

    /** Known masking rules: redact (null), hash (salted SHA-256), ip-prefix (IPv4 /24, IPv6 /48), partial (last 4 kept). */
    public static final Set<String> MASKING_RULES = Set.of("redact", "hash", "ip-prefix", "partial");

    /** Known pseudonymisation rules. */
    public static final Set<String> PSEUDONYMISATION_RULES = Set.of("hmac-sha256");

    /** Where keys may appear. */
    public enum Level {
        CONTRACT,
        SCHEMA_OBJECT,
        PROPERTY,
        SERVER
    }

    private static final Map<Level, Set<String>> KNOWN = Map.of(
            Level.CONTRACT, Set.of(STEWARD, SUNSET_DATE, TIME_TRAVEL, RETENTION_BY_CLASSIFICATION),
            Level.SCHEMA_OBJECT, Set.of(PARTITIONING, SORT_ORDER, KAFKA_TOPIC, KAFKA_KEY, EXCLUDE_TRAFFIC, RETENTION,
                    RETENTION_COLUMN, SAMPLING),
            Level.PROPERTY, Set.of(MASKING_RULE, PSEUDONYMISATION, PSEUDONYMISATION_SOURCE, ENUM_SYMBOLS),
            Level.SERVER, Set.of());

    /** The keys allowed at {@code level}. */
    public static Set<String> known(Level level) {
        return KNOWN.get(level);
    }
}
