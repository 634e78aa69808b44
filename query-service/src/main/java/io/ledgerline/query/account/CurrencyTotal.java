package io.ledgerline.query.account;

import java.math.BigInteger;

/** The sum of an owner's balances in one currency, in minor units; a BigInteger so it can never overflow. */
public record CurrencyTotal(String currency, BigInteger total) {
}
