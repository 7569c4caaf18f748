-- Data products of a domain. Ports, SLA and columns are JSON documents; search_text is maintained by the
-- service (names, description, tags, column names and descriptions) and indexed for full-text search.
CREATE TABLE products (
    domain          TEXT NOT NULL REFERENCES domains (name),
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    owner_team      TEXT NOT NULL DEFAULT '',
    owner_contact   TEXT NOT NULL DEFAULT '',
    tags            TEXT[] NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'deprecated', 'retired')),
    classification  TEXT NOT NULL DEFAULT 'internal',
    sla             JSONB NOT NULL DEFAULT '{}',
    output_ports    JSONB NOT NULL DEFAULT '[]',
    input_ports     JSONB NOT NULL DEFAULT '[]',
    columns         JSONB NOT NULL DEFAULT '[]',
    search_text     TEXT NOT NULL DEFAULT '',
    search          TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (domain, name)
);
CREATE INDEX products_search ON products USING GIN (search);

-- Immutable contract versions: the ODCS document as published, its Avro schema and the schema's
-- CRC-64-AVRO parsing fingerprint (the one single-object-encoded messages carry).
CREATE TABLE contract_versions (
    domain        TEXT NOT NULL,
    product       TEXT NOT NULL,
    version       TEXT NOT NULL,
    document      TEXT NOT NULL,
    avro_schema   TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    published_by  TEXT NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (domain, product, version),
    FOREIGN KEY (domain, product) REFERENCES products (domain, name)
);
CREATE INDEX contract_versions_fingerprint ON contract_versions (fingerprint);

-- OpenLineage run events as received, and the job/dataset edges derived from them.
CREATE TABLE lineage_events (
    id             BIGSERIAL PRIMARY KEY,
    event_type     TEXT,
    event_time     TIMESTAMPTZ NOT NULL,
    run_id         TEXT NOT NULL,
    job_namespace  TEXT NOT NULL,
    job_name       TEXT NOT NULL,
    payload        JSONB NOT NULL,
    received_by    TEXT NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX lineage_events_job ON lineage_events (job_namespace, job_name);

CREATE TABLE lineage_edges (
    job_namespace      TEXT NOT NULL,
    job_name           TEXT NOT NULL,
    dataset_namespace  TEXT NOT NULL,
    dataset_name       TEXT NOT NULL,
    direction          TEXT NOT NULL CHECK (direction IN ('input', 'output')),
    last_seen          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (job_namespace, job_name, dataset_namespace, dataset_name, direction)
);
CREATE INDEX lineage_edges_dataset ON lineage_edges (dataset_namespace, dataset_name);
