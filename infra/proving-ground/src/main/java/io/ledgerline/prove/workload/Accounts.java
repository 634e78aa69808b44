package io.ledgerline.prove.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The accounts of a run, fixed by the seed: ids, owners, currencies (mostly EUR, every fifth USD) and overdraft
 * limits (every third has one). Zipf ranks map to accounts through a seeded shuffle, so the hot accounts are a
 * mix of currencies and limits.
 */
public final class Accounts {

    public static final long OVERDRAFT = 5_000;
    public static final int OWNERS = 10;

    public record Account(String id, String ownerId, String currency, long overdraftLimit) {
    }

    private final List<Account> all = new ArrayList<>();
    private final List<Account> byRank;
    private final Zipf zipf;

    public Accounts(int count, double skew, long seed) {
        for (int i = 0; i < count; i++) {
            all.add(new Account(String.format("acct-%04d", i), "owner-" + (i % OWNERS), i % 5 == 4 ? "USD" : "EUR",
                    i % 3 == 1 ? OVERDRAFT : 0));
        }
        byRank = new ArrayList<>(all);
        Collections.shuffle(byRank, new Random(seed));
        zipf = new Zipf(count, skew);
    }

    public List<Account> all() {
        return List.copyOf(all);
    }

    public Account pick(Random random) {
        return byRank.get(zipf.next(random));
    }

    /** Another account: of the same currency, or (with {@code otherCurrency}) of any currency. */
    public Account pickOther(Random random, Account not, boolean otherCurrency) {
        for (int tries = 0; tries < 100; tries++) {
            Account candidate = pick(random);
            if (!candidate.equals(not) && (otherCurrency || candidate.currency().equals(not.currency()))) {
                return candidate;
            }
        }
        return all.stream().filter(a -> !a.equals(not) && a.currency().equals(not.currency())).findFirst()
                .orElse(all.stream().filter(a -> !a.equals(not)).findFirst().orElseThrow());
    }
}
