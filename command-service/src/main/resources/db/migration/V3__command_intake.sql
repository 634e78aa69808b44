-- Idempotency-Key (IETF httpapi draft): the final response of a POST, per (principal, method, path, key),
-- kept at least ledgerline.idempotency.retention (24 h by default). A row IN_PROGRESS holds a lease so a
-- concurrent retry answers idempotency-key-in-use; a crashed request's lease expires and a retry takes over.
CREATE TABLE idempotency_key (
    principal        VARCHAR(64)  NOT NULL,
    method           VARCHAR(8)   NOT NULL,
    path             VARCHAR(512) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    request_hash     CHAR(64)     NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    response_status  INTEGER,
    response_headers TEXT,
    response_body    TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    locked_until     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (principal, method, path, idempotency_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);

-- Asynchronous commands (Prefer: respond-async, and ledger.commands.v1): one row per command id.
-- SUCCEEDED is written in the command's own transaction, so an applied command is never reported otherwise.
CREATE TABLE command_status (
    command_id   VARCHAR(64)  NOT NULL,
    submitter    VARCHAR(64)  NOT NULL,
    channel      VARCHAR(16)  NOT NULL,
    command_type VARCHAR(128),
    status       VARCHAR(16)  NOT NULL,
    code         VARCHAR(64),
    detail       TEXT,
    result       TEXT,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (command_id)
);
CREATE INDEX command_status_pending ON command_status (status, updated_at);
