-- Writer-schema identity (issue 22): SHA-256 of the Avro canonical form plus logical types, precision and scale.
-- The CRC-64 fingerprint cannot tell int from date or decimal(10,2) from decimal(10,3); rows published before
-- this column existed have NULL and are compared by their avro_schema.
ALTER TABLE contract_versions ADD COLUMN schema_identity TEXT;
CREATE INDEX contract_versions_schema_identity ON contract_versions (schema_identity);

-- CRC-64 hex in the byte order of the Avro specification (little-endian, as in the single-object header):
-- reverse the bytes of fingerprints written by earlier versions (16 hex digits of the 64-bit value).
UPDATE contract_versions
   SET fingerprint = (SELECT string_agg(substr(fingerprint, 15 - 2 * i, 2), '' ORDER BY i)
                        FROM generate_series(0, 7) AS i)
 WHERE fingerprint ~ '^[0-9a-f]{16}$';
