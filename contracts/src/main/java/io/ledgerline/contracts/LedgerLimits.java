package io.ledgerline.contracts;

import java.util.regex.Pattern;

/** The numeric and textual limits of the ledger's domain (PRODUCT.md §2). */
public final class LedgerLimits {

    /** Smallest amount of a deposit, withdrawal or transfer, in minor units. */
    public static final long MIN_AMOUNT = 1;
    /** Largest amount of a deposit, withdrawal or transfer: 10^15 minor units. */
    public static final long MAX_AMOUNT = 1_000_000_000_000_000L;
    /** A balance stays within ±(2^53 − 1), so it is exact in every JSON reader. */
    public static final long MAX_BALANCE = (1L << 53) - 1;
    /** Free-text descriptions and reasons are at most this many characters. */
    public static final int MAX_TEXT_LENGTH = 140;

    /** Every id: account, owner, transaction, transfer, command. */
    public static final String ID_REGEX = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";
    public static final Pattern ID_PATTERN = Pattern.compile(ID_REGEX);

    private LedgerLimits() {
    }

    public static boolean isValidId(String id) {
        return id != null && ID_PATTERN.matcher(id).matches();
    }

    public static boolean isValidAmount(long amount) {
        return amount >= MIN_AMOUNT && amount <= MAX_AMOUNT;
    }

    public static boolean isBalanceInRange(long balance) {
        return balance >= -MAX_BALANCE && balance <= MAX_BALANCE;
    }
}
