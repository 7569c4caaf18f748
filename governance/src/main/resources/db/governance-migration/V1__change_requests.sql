-- Contract change requests under review, and their reviews (append-only per change).
CREATE TABLE governance.change_request (
    id                      uuid PRIMARY KEY,
    domain                  text        NOT NULL,
    product                 text        NOT NULL,
    proposed_version        text        NOT NULL,
    previous_version        text,
    author                  text        NOT NULL,
    state                   text        NOT NULL CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'PUBLISHED')),
    revision                integer     NOT NULL CHECK (revision >= 1),
    contract_document       text        NOT NULL,
    compatibility           text        NOT NULL CHECK (compatibility IN ('PATCH', 'MINOR', 'MAJOR')),
    compatibility_reasons   jsonb       NOT NULL,
    classification_changed  boolean     NOT NULL,
    checks                  jsonb       NOT NULL,
    previous_version_sunset date,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    row_version             bigint      NOT NULL
);

CREATE INDEX change_request_by_product ON governance.change_request (domain, product, created_at);
CREATE INDEX change_request_by_state ON governance.change_request (state);

CREATE TABLE governance.change_review (
    change_id   uuid        NOT NULL REFERENCES governance.change_request (id),
    position    integer     NOT NULL,
    reviewer    text        NOT NULL,
    verdict     text        NOT NULL CHECK (verdict IN ('APPROVE', 'REJECT')),
    comment     text        NOT NULL,
    revision    integer     NOT NULL,
    reviewed_at timestamptz NOT NULL,
    capacities  text        NOT NULL,
    PRIMARY KEY (change_id, position)
);
