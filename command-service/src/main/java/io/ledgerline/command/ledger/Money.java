package io.ledgerline.command.ledger;

import io.ledgerline.contracts.Currencies;
import io.ledgerline.contracts.LedgerLimits;

/** An amount of minor units of one currency: 1 ≤ amount ≤ 10^15, currency from the pinned ISO-4217 list. */
public record Money(long amount, String currency) {

    public Money {
        if (!LedgerLimits.isValidAmount(amount)) {
            throw new IllegalArgumentException("amount must be between 1 and " + LedgerLimits.MAX_AMOUNT);
        }
        if (!Currencies.isSupported(currency)) {
            throw new IllegalArgumentException("unsupported currency " + currency);
        }
    }

    public boolean sameAs(long otherAmount, String otherCurrency) {
        return amount == otherAmount && currency.equals(otherCurrency);
    }
}
