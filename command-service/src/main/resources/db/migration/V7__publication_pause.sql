-- A re-publication asked of one command-service instance pauses the publisher on every instance (so that the
-- asking one can claim and rewind every segment): one row per processor, polled by each instance. A pause lapses
-- by itself after its lease, so an instance that dies while it coordinates does not stop publication for good.
CREATE TABLE publication_pause (
    processor    VARCHAR(255) PRIMARY KEY,
    generation   BIGINT       NOT NULL,
    paused       BOOLEAN      NOT NULL,
    requested_by VARCHAR(255) NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL
);
