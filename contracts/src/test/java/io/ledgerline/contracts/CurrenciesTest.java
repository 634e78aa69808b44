package io.ledgerline.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CurrenciesTest {

    @Test
    void pinsCodesWithDefinedMinorUnits() {
        assertThat(Currencies.minorUnits("EUR")).isEqualTo(2);
        assertThat(Currencies.minorUnits("JPY")).isZero();
        assertThat(Currencies.minorUnits("KWD")).isEqualTo(3);
        assertThat(Currencies.codes()).hasSizeGreaterThan(150).allMatch(code -> code.matches("[A-Z]{3}"));
    }

    @Test
    void excludesUnitsWithoutMinorUnitsAndLowerCase() {
        assertThat(Currencies.isSupported("XAU")).isFalse();
        assertThat(Currencies.isSupported("XXX")).isFalse();
        assertThat(Currencies.isSupported("XTS")).isFalse();
        assertThat(Currencies.isSupported("eur")).isFalse();
        assertThat(Currencies.isSupported(null)).isFalse();
    }

    @Test
    void idsFollowThePattern() {
        assertThat(LedgerLimits.isValidId("acc-1.a:b_c")).isTrue();
        assertThat(LedgerLimits.isValidId("a".repeat(64))).isTrue();
        assertThat(LedgerLimits.isValidId("a".repeat(65))).isFalse();
        assertThat(LedgerLimits.isValidId("-leading")).isFalse();
        assertThat(LedgerLimits.isValidId("{\"$gt\":\"\"}")).isFalse();
        assertThat(LedgerLimits.isValidId("")).isFalse();
    }
}
