-- Ids an account has consumed, forever (PRODUCT.md §2, exactly-once effects): client transaction ids
-- (scope 'transaction', shared by deposits and withdrawals) and the transfer ids of its debits, credits
-- and refunds. Written in the same transaction as the events.
CREATE TABLE account_operation (
    account_id    VARCHAR(64) NOT NULL,
    scope         VARCHAR(32) NOT NULL,
    reference_id  VARCHAR(64) NOT NULL,
    operation     VARCHAR(32) NOT NULL,
    amount        BIGINT      NOT NULL,
    currency      CHAR(3)     NOT NULL,
    version       BIGINT      NOT NULL,
    balance_after BIGINT      NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, scope, reference_id)
);

-- Transfers between TransferRequested and their terminal event, so close can answer transfer-pending.
CREATE TABLE transfer_in_flight (
    transfer_id VARCHAR(64) NOT NULL,
    account_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (transfer_id, account_id)
);
CREATE INDEX transfer_in_flight_account ON transfer_in_flight (account_id);
