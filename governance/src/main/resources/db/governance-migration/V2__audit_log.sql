-- Append-only, hash-chained audit log. Each entry's hash is SHA-256 over a canonical form that includes
-- the previous entry's hash; audit_head keeps the newest (seq, hash) so truncating the tail is detected.
CREATE TABLE governance.audit_log (
    seq         bigint      PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    subject     text        NOT NULL,
    details     text        NOT NULL,
    prev_hash   char(64)    NOT NULL,
    hash        char(64)    NOT NULL UNIQUE
);

CREATE TABLE governance.audit_head (
    id        smallint PRIMARY KEY CHECK (id = 1),
    last_seq  bigint   NOT NULL,
    last_hash char(64) NOT NULL
);

INSERT INTO governance.audit_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));

-- Defence in depth: ordinary sessions cannot rewrite history. An owner can still disable the trigger,
-- which is what verify() is for.
CREATE FUNCTION governance.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'governance.audit_log is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON governance.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION governance.audit_log_append_only();
