package io.ledgerline.command.transfer;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.EventStoreReader;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.testkit.audit.LedgerAudit;
import io.ledgerline.testkit.audit.StoredEvent;
import io.ledgerline.testkit.events.Commands;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The bank workload: many threads move money at random among a few accounts (deposits, withdrawals, transfers)
 * over HTTP and over the command topic, retrying the same ids on purpose (also concurrently) and sending
 * duplicate command messages. At quiescence the event store and the Kafka topics must show: money conserved,
 * no balance below its overdraft limit, every transfer terminal, no id applied twice, every acknowledged
 * operation applied exactly once and every refused one never.
 */
class BankWorkloadIT extends CommandServiceIT {

    private static final int THREADS = 8;
    private static final int OPERATIONS_PER_THREAD = 60;


    private enum Outcome { OK, REFUSED, UNKNOWN }

    private record Operation(String kind, String accountId, String id, long amount) {
    }

    private final Map<Operation, Set<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    /** Ids of the commands sent on the topic: quiet means each of them was taken and decided. */
    private final Set<String> topicCommandIds = ConcurrentHashMap.newKeySet();

    @Test
    void keepsEveryInvariantUnderConcurrentRetriedOperations() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(openWithOverdraft(i % 2 == 0 ? 0 : 300));
        }
        long seed = Long.getLong("ledgerline.workload.seed", System.nanoTime());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(seed + t);
                workers.add(CompletableFuture.runAsync(() -> work(random, accounts, producer), pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofMinutes(2)).until(this::quiescent);
        EventStoreReader.Streams store = EventStoreReader.read(jdbc);
        List<StoredEvent> ours = store.accounts().stream().filter(e -> accounts.contains(e.aggregateId())).toList();
        Set<String> ourTransfers = new HashSet<>();
        outcomes.keySet().stream().filter(op -> op.kind().equals("transfer")).forEach(op -> ourTransfers.add(op.id()));
        List<StoredEvent> transfers = store.transfers().stream()
                .filter(e -> ourTransfers.contains(e.aggregateId())).toList();

        LedgerAudit.Report report = LedgerAudit.audit(ours, transfers, true);
        assertThat(report.violations()).as("seed %d", seed).isEmpty();
        assertThat(report.accounts()).hasSize(accounts.size());
        assertThat(report.balancesByCurrency().get("EUR")).isEqualTo(report.netDepositsByCurrency().get("EUR"));
        assertThat(report.transfers().values()).allSatisfy(t -> assertThat(t.status()).isNotEqualTo("REQUESTED"));

        checkAcknowledgedOperations(ours, report);
        EventStoreReader.Streams workload = new EventStoreReader.Streams(ours, transfers);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> checkTopicsMirrorTheStore(workload));
        System.out.printf("bank workload (seed %d): %d distinct operations, %d requests, %d account events,"
                + " %d transfers (%s)%n", seed, outcomes.size(), requests.get(), ours.size(),
                report.transfers().size(), report.transfers().values().stream().collect(
                        java.util.stream.Collectors.groupingBy(LedgerAudit.TransferState::status,
                                java.util.stream.Collectors.counting())));
    }

    private String openWithOverdraft(long overdraft) {
        String id = unique("bank");
        Response opened = api.post("/api/v1/accounts", SERVICE,
                json("accountId", id, "ownerId", "alice", "currency", "EUR", "overdraftLimit", overdraft));
        assertThat(opened.status()).isEqualTo(201);
        record(new Operation("deposit", id, "seed", 1000), api.post("/api/v1/accounts/" + id + "/deposits",
                SERVICE, json("transactionId", "seed", "amount", 1000, "currency", "EUR")));
        return id;
    }

    private void work(Random random, List<String> accounts, KafkaProducer<String, byte[]> producer) {
        List<Runnable> retries = new ArrayList<>();
        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            // Skewed: the first two accounts see most of the traffic, so commands on one account collide.
            String account = accounts.get(random.nextInt(10) < 6 ? random.nextInt(2) : random.nextInt(accounts.size()));
            int dice = random.nextInt(100);
            Runnable operation;
            if (dice < 55) {
                String destination = accounts.get(random.nextInt(accounts.size()));
                if (destination.equals(account)) {
                    continue;
                }
                operation = transfer(UUID.randomUUID().toString(), account, destination, 1 + random.nextInt(400));
            } else if (dice < 70) {
                operation = money("deposit", account, UUID.randomUUID().toString(), 1 + random.nextInt(300));
            } else if (dice < 90) {
                operation = money("withdrawal", account, UUID.randomUUID().toString(), 1 + random.nextInt(400));
            } else {
                operation = viaTopic(producer, random, account, accounts.get(random.nextInt(accounts.size())));
            }
            operation.run();
            if (random.nextInt(4) == 0) {
                CompletableFuture.runAsync(operation).join(); // an immediate retry, on another thread
            }
            if (random.nextInt(5) == 0) {
                retries.add(operation); // a late retry, after other operations changed the account
            }
        }
        retries.forEach(Runnable::run);
    }

    private Runnable money(String kind, String account, String transactionId, long amount) {
        String path = "/api/v1/accounts/" + account + (kind.equals("deposit") ? "/deposits" : "/withdrawals");
        return () -> record(new Operation(kind, account, transactionId, amount), api.post(path, SERVICE,
                json("transactionId", transactionId, "amount", amount, "currency", "EUR")));
    }

    private Runnable transfer(String transferId, String source, String destination, long amount) {
        return () -> record(new Operation("transfer", source, transferId, amount), api.post("/api/v1/transfers",
                SERVICE, json("transferId", transferId, "sourceAccountId", source, "destinationAccountId",
                        destination, "amount", amount, "currency", "EUR")));
    }

    /** A command message sent twice with the same command id, and once more under a new command id. */
    private Runnable viaTopic(KafkaProducer<String, byte[]> producer, Random random, String account,
                              String other) {
        LedgerCodec codec = LedgerCodec.contracts();
        byte[] value;
        Operation operation;
        if (random.nextBoolean() || other.equals(account)) {
            String tx = UUID.randomUUID().toString();
            long amount = 1 + random.nextInt(200);
            value = codec.encode(Commands.deposit(account, tx, amount, "EUR"));
            operation = new Operation("deposit", account, tx, amount);
        } else {
            String transferId = UUID.randomUUID().toString();
            long amount = 1 + random.nextInt(200);
            value = codec.encode(Commands.transfer(transferId, account, other, amount, "EUR"));
            operation = new Operation("transfer", account, transferId, amount);
        }
        String commandId = UUID.randomUUID().toString();
        return () -> {
            outcomes.computeIfAbsent(operation, k -> ConcurrentHashMap.newKeySet()).add(Outcome.UNKNOWN);
            for (String id : List.of(commandId, commandId, UUID.randomUUID().toString())) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(COMMAND_TOPIC, account, value);
                record.headers().add(LedgerHeaders.COMMAND_ID, id.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
                topicCommandIds.add(id);
                requests.incrementAndGet();
            }
        };
    }

    private void record(Operation operation, Response response) {
        requests.incrementAndGet();
        Outcome outcome = response.status() / 100 == 2 ? Outcome.OK
                : response.status() == 422 || response.status() == 404 ? Outcome.REFUSED : Outcome.UNKNOWN;
        outcomes.computeIfAbsent(operation, k -> ConcurrentHashMap.newKeySet()).add(outcome);
    }

    private boolean quiescent() {
        Integer unsettled = jdbc.queryForObject("select count(*) from transfer_in_flight", Integer.class);
        Integer pending = jdbc.queryForObject("select count(*) from command_status where status = 'PENDING'",
                Integer.class);
        // A command still on the topic has no status yet: count the decided ones among those sent.
        Integer decided = jdbc.queryForObject("select count(*) from command_status where status <> 'PENDING'"
                + " and command_id = any(?)", Integer.class, (Object) topicCommandIds.toArray(String[]::new));
        return unsettled == 0 && pending == 0 && decided == topicCommandIds.size();
    }

    private void checkAcknowledgedOperations(List<StoredEvent> events, LedgerAudit.Report report) {
        Map<String, Integer> applied = new HashMap<>();
        for (StoredEvent stored : events) {
            if (stored.event() instanceof MoneyDeposited e) {
                applied.merge("deposit|" + e.getAccountId() + "|" + e.getTransactionId() + "|" + e.getAmount(), 1,
                        Integer::sum);
            } else if (stored.event() instanceof MoneyWithdrawn e) {
                applied.merge("withdrawal|" + e.getAccountId() + "|" + e.getTransactionId() + "|" + e.getAmount(),
                        1, Integer::sum);
            }
        }
        List<String> problems = new ArrayList<>();
        outcomes.forEach((operation, seen) -> {
            if (operation.kind().equals("transfer")) {
                boolean known = report.transfers().containsKey(operation.id());
                if (seen.contains(Outcome.OK) && !known) {
                    problems.add("accepted transfer missing: " + operation);
                }
                return;
            }
            String key = operation.kind() + "|" + operation.accountId() + "|" + operation.id() + "|"
                    + operation.amount();
            int times = applied.getOrDefault(key, 0);
            if (seen.contains(Outcome.OK) && times != 1) {
                problems.add("acknowledged " + operation + " applied " + times + " times");
            } else if (!seen.contains(Outcome.OK) && !seen.contains(Outcome.UNKNOWN) && times != 0) {
                problems.add("refused " + operation + " applied " + times + " times");
            } else if (times > 1) {
                problems.add(operation + " applied " + times + " times");
            }
        });
        assertThat(problems).isEmpty();
        assertThat(outcomes).hasSizeGreaterThan(THREADS * OPERATIONS_PER_THREAD / 2);
    }

    private void checkTopicsMirrorTheStore(EventStoreReader.Streams store) {
        Set<String> stored = new HashSet<>();
        store.accounts().forEach(e -> stored.add(e.aggregateId() + "#" + e.version()));
        store.transfers().forEach(e -> stored.add("t:" + e.aggregateId() + "#" + e.version()));
        Set<String> published = new HashSet<>();
        Map<String, Long> lastVersion = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (String topic : List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)) {
            for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(brokers, topic, Duration.ofSeconds(2))) {
                TopicReader.Event event = TopicReader.decode(record);
                String key = (topic.equals(Topics.TRANSFER_EVENTS) ? "t:" : "") + event.key();
                if (!stored.contains(key + "#1")) {
                    continue; // another test's aggregate
                }
                long version = event.version();
                Long last = lastVersion.get(key);
                if (last != null && version > last + 1) {
                    outOfOrder.add(key + " jumped from v" + last + " to v" + version);
                }
                lastVersion.merge(key, version, Math::max);
                published.add(key + "#" + version);
            }
        }
        assertThat(outOfOrder).isEmpty();
        assertThat(published).containsAll(stored);
        assertThat(stored).containsAll(published);
    }
}
