-- Access-policy change requests under review (the policy YAML is versioned by its integer `version`).
-- Reviews are kept on the row as JSON (append-only by the service); every step is also in the audit log.
CREATE TABLE governance.policy_change (
    id               uuid        PRIMARY KEY,
    proposed_version integer     NOT NULL CHECK (proposed_version >= 1),
    previous_version integer     NOT NULL,
    author           text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'PUBLISHED')),
    policy_document  text        NOT NULL,
    checks           jsonb       NOT NULL,
    summary          jsonb       NOT NULL,
    reviews          jsonb       NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    row_version      bigint      NOT NULL
);

CREATE INDEX policy_change_by_state ON governance.policy_change (state, created_at);
