package io.ledgerline.query.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerSummaryTest {

    private static OwnerSummary.Row account(String id, String currency, long balance, AccountStatus status) {
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        return OwnerSummary.Row.of(new AccountView(id, "owner-1", currency, balance, 0, status, 3, at, at));
    }

    @Test
    void countsAccountsThatAreNotClosedAndSumsPerCurrencySortedByCurrency() {
        OwnerSummary summary = OwnerSummary.of("owner-1", List.of(
                account("a", "USD", 100, AccountStatus.OPEN),
                account("b", "EUR", 250, AccountStatus.FROZEN),
                account("c", "EUR", -50, AccountStatus.OPEN),
                account("d", "CHF", 0, AccountStatus.CLOSED)));

        assertThat(summary.accounts()).isEqualTo(3);
        assertThat(summary.balances()).containsExactly(
                new CurrencyTotal("EUR", BigInteger.valueOf(200)),
                new CurrencyTotal("USD", BigInteger.valueOf(100)));
    }

    @Test
    void anOwnerWithoutAccountsGetsZeros() {
        assertThat(OwnerSummary.of("nobody", List.of())).isEqualTo(new OwnerSummary("nobody", 0, List.of()));
    }

    @Test
    void sumsBeyondTheRangeOfALongDoNotOverflow() {
        OwnerSummary summary = OwnerSummary.of("owner-1", List.of(
                account("a", "EUR", Long.MAX_VALUE, AccountStatus.OPEN),
                account("b", "EUR", Long.MAX_VALUE, AccountStatus.OPEN)));

        assertThat(summary.balances().get(0).total())
                .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TWO));
    }
}
