-- Time-boxed read grants from approved access requests (change kind ACCESS_REQUEST). One row per approved
-- request; the catalog adds the rows in force (not revoked, not expired) to the access policy it compiles into
-- its decision point and Trino's rules. Revocation at expiry stamps revoked_at (once: the first checker wins).
CREATE TABLE governance.access_grant (
    change_id   uuid        PRIMARY KEY REFERENCES governance.change_request (id),
    principal   text        NOT NULL,
    domain      text        NOT NULL,
    product     text        NOT NULL,
    granted_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL CHECK (expires_at > granted_at),
    revoked_at  timestamptz,
    revoked_by  text
);
CREATE INDEX access_grant_in_force ON governance.access_grant (expires_at) WHERE revoked_at IS NULL;
