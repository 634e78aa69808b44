package io.ledgerline.command.ledger;

/**
 * Why the ledger refuses a command: a named outcome with a stable problem code, never a message to parse.
 * The web layer maps each to its HTTP status; the transfer process records the code in TransferRejected.
 */
public enum Refusal {
    ACCOUNT_NOT_FOUND("account-not-found"),
    ACCOUNT_ALREADY_EXISTS("account-already-exists"),
    TRANSACTION_ID_CONFLICT("transaction-id-conflict"),
    CONCURRENCY_CONFLICT("concurrency-conflict"),
    INSUFFICIENT_FUNDS("insufficient-funds"),
    CURRENCY_MISMATCH("currency-mismatch"),
    ACCOUNT_FROZEN("account-frozen"),
    ACCOUNT_CLOSED("account-closed"),
    BALANCE_NOT_ZERO("balance-not-zero"),
    TRANSFER_PENDING("transfer-pending"),
    AMOUNT_OUT_OF_RANGE("amount-out-of-range");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public CommandRefusedException because(String detail) {
        return new CommandRefusedException(this, detail);
    }
}
