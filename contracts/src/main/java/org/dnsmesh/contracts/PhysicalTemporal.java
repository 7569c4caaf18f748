package org.dnsmesh.contracts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a temporal physical type holds: ODCS v3.0 has only the {@code date} logical type, so v3.0 contracts tell a
 * timestamp or a time of day by {@code physicalType} ({@code timestamp}, {@code timestamp(6) with time zone},
 * {@code timestamp_ntz}, {@code datetime}, {@code time}...). Anything else reads as a calendar date.
 */
enum PhysicalTemporal {
    DATE, TIMESTAMP, LOCAL_TIMESTAMP, TIME;

    private static final Pattern LOCAL = Pattern.compile(
            "^(timestamp(\\s*\\(\\d+\\))?\\s+without\\s+time\\s+zone|timestamp_ntz(\\s*\\(\\d+\\))?|datetime2?(\\s*\\(\\d+\\))?|smalldatetime)$");
    private static final Pattern ZONED = Pattern.compile(
            "^(timestamp(\\s*\\(\\d+\\))?(\\s+with\\s+(local\\s+)?time\\s+zone)?|timestamp_?(tz|ltz)(\\s*\\(\\d+\\))?|timestamptz|datetimeoffset(\\s*\\(\\d+\\))?)$");
    private static final Pattern TIME_OF_DAY = Pattern.compile(
            "^(time(\\s*\\(\\d+\\))?(\\s+with(out)?\\s+time\\s+zone)?|timetz|time_tz)$");

    static PhysicalTemporal of(String physicalType) {
        if (physicalType == null) {
            return DATE;
        }
        String type = physicalType.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (LOCAL.matcher(type).matches()) {
            return LOCAL_TIMESTAMP;
        }
        if (ZONED.matcher(type).matches()) {
            return TIMESTAMP;
        }
        if (TIME_OF_DAY.matcher(type).matches()) {
            return TIME;
        }
        return DATE;
    }
}
