-- One schema for SQLite and PostgreSQL: only TEXT and BIGINT columns (times are Unix
-- milliseconds, flags 0/1), so the same statements run on both.

CREATE TABLE audit (
    request_id   TEXT PRIMARY KEY,
    time_ms      BIGINT NOT NULL,
    client       TEXT,
    source       TEXT NOT NULL,
    operation    TEXT NOT NULL,
    directory    TEXT,
    user_name    TEXT,
    outcome      TEXT NOT NULL,
    error_code   TEXT,
    status       BIGINT NOT NULL,
    duration_ms  BIGINT NOT NULL
);
CREATE INDEX audit_time ON audit (time_ms);
CREATE INDEX audit_user_time ON audit (user_name, time_ms);

CREATE TABLE used_tokens (
    client          TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    valid_until_ms  BIGINT NOT NULL,
    PRIMARY KEY (client, fingerprint)
);
CREATE INDEX used_tokens_expiry ON used_tokens (valid_until_ms);

CREATE TABLE auth_failures (
    source           TEXT PRIMARY KEY,
    window_start_ms  BIGINT NOT NULL,
    failures         BIGINT NOT NULL
);

CREATE TABLE idempotency (
    client       TEXT NOT NULL,
    key_digest   TEXT NOT NULL,
    operation    TEXT NOT NULL,
    body_digest  TEXT NOT NULL,
    state        TEXT NOT NULL,
    status       BIGINT NOT NULL,
    sealed       TEXT,
    created_ms   BIGINT NOT NULL,
    updated_ms   BIGINT NOT NULL,
    PRIMARY KEY (client, key_digest)
);
CREATE INDEX idempotency_created ON idempotency (created_ms);

CREATE TABLE local_users (
    directory             TEXT NOT NULL,
    name_key              TEXT NOT NULL,
    name                  TEXT NOT NULL,
    display_name          TEXT,
    email                 TEXT,
    password_hash         TEXT,
    locked                BIGINT NOT NULL DEFAULT 0,
    locked_at_ms          BIGINT,
    failed_attempts       BIGINT NOT NULL DEFAULT 0,
    first_failure_ms      BIGINT,
    must_change           BIGINT NOT NULL DEFAULT 0,
    password_last_set_ms  BIGINT,
    PRIMARY KEY (directory, name_key)
);

CREATE TABLE local_password_history (
    directory      TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    set_ms         BIGINT NOT NULL
);
CREATE INDEX local_password_history_user ON local_password_history (directory, name_key, set_ms);

CREATE TABLE local_groups (
    directory  TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (directory, name_key)
);

CREATE TABLE local_memberships (
    directory    TEXT NOT NULL,
    member_kind  TEXT NOT NULL,
    member_key   TEXT NOT NULL,
    group_key    TEXT NOT NULL,
    PRIMARY KEY (directory, member_kind, member_key, group_key)
);
