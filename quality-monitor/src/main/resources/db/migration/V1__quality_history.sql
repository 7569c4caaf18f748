-- Quality monitor state, in its own schema "quality" (Flyway creates it).

-- One row per check run: the history behind trends and SLA compliance.
CREATE TABLE quality.check_result (
  id            BIGSERIAL PRIMARY KEY,
  product       TEXT        NOT NULL,
  table_name    TEXT        NOT NULL,
  check_name    TEXT        NOT NULL,
  status        TEXT        NOT NULL CHECK (status IN ('OK', 'AT_RISK', 'BREACHED', 'ERROR')),
  summary       TEXT        NOT NULL,
  measurements  JSONB       NOT NULL,
  findings      JSONB       NOT NULL,
  checked_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX check_result_by_key ON quality.check_result (product, table_name, check_name, checked_at DESC);
CREATE INDEX check_result_by_time ON quality.check_result (checked_at);

-- At most one open alert per product/table/check (the de-duplication key).
CREATE TABLE quality.open_alert (
  product     TEXT        NOT NULL,
  table_name  TEXT        NOT NULL,
  check_name  TEXT        NOT NULL,
  alert_id    TEXT        NOT NULL UNIQUE,
  opened_at   TIMESTAMPTZ NOT NULL,
  summary     TEXT        NOT NULL,
  PRIMARY KEY (product, table_name, check_name)
);

-- Time-boxed suppressions; null table/check means "all of the product".
CREATE TABLE quality.suppression (
  id           BIGSERIAL PRIMARY KEY,
  product      TEXT        NOT NULL,
  table_name   TEXT,
  check_name   TEXT,
  valid_from   TIMESTAMPTZ NOT NULL,
  valid_until  TIMESTAMPTZ NOT NULL CHECK (valid_until > valid_from),
  reason       TEXT        NOT NULL
);
CREATE INDEX suppression_by_time ON quality.suppression (valid_until);

-- Monitor the monitor: the last cycle of each monitor instance.
CREATE TABLE quality.heartbeat (
  instance_id        TEXT PRIMARY KEY,
  cycle_started_at   TIMESTAMPTZ NOT NULL,
  cycle_finished_at  TIMESTAMPTZ NOT NULL,
  tables_checked     INTEGER     NOT NULL,
  check_errors       INTEGER     NOT NULL
);
