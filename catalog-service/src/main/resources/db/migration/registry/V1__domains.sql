-- Data domains: each owns one Iceberg warehouse and is the REST prefix of its catalog.
CREATE TABLE domains (
    name        TEXT PRIMARY KEY,
    owner_team  TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    warehouse   TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
