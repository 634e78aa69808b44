package io.ledgerline.prove.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ZipfTest {

    @Test
    void skewConcentratesDrawsOnTheFirstRanks() {
        Zipf zipf = new Zipf(50, 1.1);
        Random random = new Random(1);
        int[] counts = new int[50];
        for (int i = 0; i < 100_000; i++) {
            counts[zipf.next(random)]++;
        }
        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(counts[10] * 5);
        assertThat(counts[0] / 100_000.0).isCloseTo(zipf.hottestShare(), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void skewZeroIsUniform() {
        Zipf zipf = new Zipf(4, 0);
        assertThat(zipf.hottestShare()).isEqualTo(0.25);
        Random random = new Random(2);
        int[] counts = new int[4];
        for (int i = 0; i < 40_000; i++) {
            counts[zipf.next(random)]++;
        }
        assertThat(java.util.Arrays.stream(counts).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(9_500, 10_500));
    }

    @Test
    void theSameSeedDrawsTheSameAccounts() {
        Accounts a = new Accounts(30, 1.2, 7);
        Accounts b = new Accounts(30, 1.2, 7);
        Random ra = new Random(3);
        Random rb = new Random(3);
        for (int i = 0; i < 100; i++) {
            assertThat(a.pick(ra)).isEqualTo(b.pick(rb));
        }
    }
}
