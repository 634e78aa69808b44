package io.ledgerline.prove.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;
import io.ledgerline.testkit.audit.LedgerAudit;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Every read model, read through the query API, against the fold of the event store: each account (owner,
 * currency, balance, overdraft limit, status, version), its statement (one line per money event, newest first),
 * each transfer (status, reason, amounts, version), the account list, and each owner's summary. Items that
 * differ are read again until {@code patience} runs out: a projection may still be applying the last events.
 */
final class ReadModelCheck {

    /** One expected statement line. */
    private record Line(long version, String transactionId, String type, long amount, long balanceAfter,
                        String transferId) {
    }

    private ReadModelCheck() {
    }

    static int check(QueryApi api, LedgerAudit.Report fold, List<StoreEvent> store, Duration patience,
                     List<Violation> violations) throws Exception {
        Map<String, List<Line>> statements = expectedStatements(store);
        Map<String, Supplier<List<Violation>>> items = new TreeMap<>();
        fold.accounts().values().forEach(a -> items.put("account:" + a.accountId(),
                () -> account(api, a, statements.getOrDefault(a.accountId(), List.of()))));
        fold.transfers().values().forEach(t -> items.put("transfer:" + t.transferId(), () -> transfer(api, t)));
        items.put("list", () -> list(api, fold));
        owners(fold).forEach(owner -> items.put("owner:" + owner, () -> summary(api, owner, fold)));

        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, List<Violation>> failing = run(items);
        while (!failing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            Map<String, Supplier<List<Violation>>> again = new TreeMap<>();
            failing.keySet().forEach(k -> again.put(k, items.get(k)));
            failing = run(again);
        }
        failing.values().forEach(violations::addAll);
        return items.size();
    }

    /** Checks items four at a time (the query-service has cores to spare while nothing else runs). */
    private static Map<String, List<Violation>> run(Map<String, Supplier<List<Violation>>> items) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<List<Violation>>> futures = new TreeMap<>();
            items.forEach((key, item) -> futures.put(key, pool.submit(item::get)));
            Map<String, List<Violation>> failing = new TreeMap<>();
            for (Map.Entry<String, Future<List<Violation>>> f : futures.entrySet()) {
                List<Violation> found;
                try {
                    found = f.getValue().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    found = List.of(new Violation("read-models-match-store", f.getKey() + ": cannot read: "
                            + e.getCause().getMessage()));
                }
                if (!found.isEmpty()) {
                    failing.put(f.getKey(), found);
                }
            }
            return failing;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Violation> account(QueryApi api, LedgerAudit.AccountState expected, List<Line> lines) {
        List<Violation> found = new ArrayList<>();
        String at = "account " + expected.accountId();
        Optional<JsonNode> read = api.account(expected.accountId());
        if (read.isEmpty()) {
            found.add(new Violation("read-models-match-store", at + ": 404 but stored at version "
                    + expected.version()));
            return found;
        }
        JsonNode a = read.get();
        List<String> diffs = new ArrayList<>();
        differ(diffs, "ownerId", expected.ownerId(), a.path("ownerId").asText());
        differ(diffs, "currency", expected.currency(), a.path("currency").asText());
        differ(diffs, "balance", expected.balance(), a.path("balance").asLong());
        differ(diffs, "overdraftLimit", expected.overdraftLimit(), a.path("overdraftLimit").asLong());
        differ(diffs, "status", expected.status(), a.path("status").asText());
        differ(diffs, "version", expected.version(), a.path("version").asLong());
        if (!diffs.isEmpty()) {
            found.add(new Violation("read-models-match-store", at + ": " + diffs));
        }
        if (a.path("balance").asLong() < -a.path("overdraftLimit").asLong()) {
            found.add(new Violation("overdraft-limit", at + ": read model balance " + a.path("balance").asLong()
                    + " below -" + a.path("overdraftLimit").asLong()));
        }
        List<JsonNode> rows = api.statement(expected.accountId());
        List<Line> actual = rows.stream().map(r -> new Line(r.path("version").asLong(),
                r.path("transactionId").asText(null), r.path("type").asText(), r.path("amount").asLong(),
                r.path("balanceAfter").asLong(), r.path("transferId").asText(null))).toList();
        List<Line> newestFirst = new ArrayList<>(lines);
        Collections.reverse(newestFirst);
        if (!actual.equals(newestFirst)) {
            found.add(new Violation("read-models-match-store", at + ": statement differs: " + firstDifference(
                    newestFirst, actual)));
        }
        return found;
    }

    private static List<Violation> transfer(QueryApi api, LedgerAudit.TransferState expected) {
        String at = "transfer " + expected.transferId();
        Optional<JsonNode> read = api.transfer(expected.transferId());
        if (read.isEmpty()) {
            return List.of(new Violation("read-models-match-store", at + ": 404 but stored as " + expected.status()
                    + " v" + expected.version()));
        }
        JsonNode t = read.get();
        List<String> diffs = new ArrayList<>();
        differ(diffs, "status", expected.status(), t.path("status").asText());
        differ(diffs, "version", expected.version(), t.path("version").asLong());
        differ(diffs, "sourceAccountId", expected.sourceAccountId(), t.path("sourceAccountId").asText());
        differ(diffs, "destinationAccountId", expected.destinationAccountId(),
                t.path("destinationAccountId").asText());
        differ(diffs, "amount", expected.amount(), t.path("amount").asLong());
        differ(diffs, "currency", expected.currency(), t.path("currency").asText());
        differ(diffs, "reason", expected.reason(), t.path("reason").asText(null));
        return diffs.isEmpty() ? List.of() : List.of(new Violation("read-models-match-store", at + ": " + diffs));
    }

    private static List<Violation> list(QueryApi api, LedgerAudit.Report fold) {
        Set<String> listed = new TreeSet<>();
        api.accounts().forEach(a -> listed.add(a.path("accountId").asText()));
        Set<String> stored = new TreeSet<>(fold.accounts().keySet());
        if (listed.equals(stored)) {
            return List.of();
        }
        Set<String> extra = new TreeSet<>(listed);
        extra.removeAll(stored);
        Set<String> missing = new TreeSet<>(stored);
        missing.removeAll(listed);
        return List.of(new Violation("read-models-match-store", "account list: missing " + missing
                + ", not in the store " + extra));
    }

    private static List<Violation> summary(QueryApi api, String owner, LedgerAudit.Report fold) {
        long open = fold.accounts().values().stream()
                .filter(a -> a.ownerId().equals(owner) && !a.status().equals("CLOSED")).count();
        Map<String, BigInteger> totals = new TreeMap<>();
        fold.accounts().values().stream().filter(a -> a.ownerId().equals(owner))
                .forEach(a -> totals.merge(a.currency(), BigInteger.valueOf(a.balance()), BigInteger::add));
        JsonNode summary = api.summary(owner);
        Map<String, BigInteger> served = new TreeMap<>();
        summary.path("balances").forEach(b -> served.put(b.path("currency").asText(),
                new BigInteger(b.path("total").asText())));
        totals.values().removeIf(BigInteger.ZERO::equals);
        served.values().removeIf(BigInteger.ZERO::equals);
        List<String> diffs = new ArrayList<>();
        differ(diffs, "accounts", open, summary.path("accounts").asLong());
        differ(diffs, "balances", totals, served);
        return diffs.isEmpty() ? List.of() : List.of(new Violation("read-models-match-store", "owner " + owner
                + " summary: " + diffs));
    }

    private static Set<String> owners(LedgerAudit.Report fold) {
        Set<String> owners = new TreeSet<>();
        fold.accounts().values().forEach(a -> owners.add(a.ownerId()));
        return owners;
    }

    private static Map<String, List<Line>> expectedStatements(List<StoreEvent> store) {
        Map<String, List<Line>> lines = new HashMap<>();
        store.stream().filter(StoreEvent::account)
                .sorted(java.util.Comparator.comparing(StoreEvent::aggregate).thenComparingLong(StoreEvent::version))
                .forEach(e -> line(e).ifPresent(l -> lines.computeIfAbsent(e.aggregate(), k -> new ArrayList<>())
                        .add(l)));
        return lines;
    }

    private static Optional<Line> line(StoreEvent e) {
        long v = e.version();
        if (e.event() instanceof MoneyDeposited d) {
            return Optional.of(new Line(v, d.getTransactionId(), "DEPOSIT", d.getAmount(), d.getBalanceAfter(), null));
        }
        if (e.event() instanceof MoneyWithdrawn w) {
            return Optional.of(new Line(v, w.getTransactionId(), "WITHDRAWAL", w.getAmount(), w.getBalanceAfter(),
                    null));
        }
        if (e.event() instanceof TransferDebited t) {
            return Optional.of(new Line(v, t.getTransferId(), "TRANSFER_OUT", t.getAmount(), t.getBalanceAfter(),
                    t.getTransferId()));
        }
        if (e.event() instanceof TransferCredited t) {
            return Optional.of(new Line(v, t.getTransferId(), "TRANSFER_IN", t.getAmount(), t.getBalanceAfter(),
                    t.getTransferId()));
        }
        if (e.event() instanceof TransferRefunded t) {
            return Optional.of(new Line(v, t.getTransferId(), "TRANSFER_REFUND", t.getAmount(), t.getBalanceAfter(),
                    t.getTransferId()));
        }
        return Optional.empty();
    }

    private static String firstDifference(List<Line> expected, List<Line> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            Line e = i < expected.size() ? expected.get(i) : null;
            Line a = i < actual.size() ? actual.get(i) : null;
            if (!Objects.equals(e, a)) {
                return "line " + i + " expected " + e + ", served " + a + " (" + expected.size() + " vs "
                        + actual.size() + " lines)";
            }
        }
        return "none";
    }

    private static void differ(List<String> diffs, String field, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            diffs.add(field + " " + actual + " (store: " + expected + ")");
        }
    }
}
