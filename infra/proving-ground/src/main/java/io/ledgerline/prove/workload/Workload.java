package io.ledgerline.prove.workload;

import io.ledgerline.prove.workload.Accounts.Account;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The bank workload: opens the accounts, seeds them, then deposits, withdrawals and transfers on Zipf-chosen
 * accounts from {@code concurrency} workers, each with its own seeded random source. A client-side retry follows
 * every unknown outcome (as a real client would), and a share of operations is sent again on purpose, at once or
 * after the account has moved on. Every attempt goes to the {@link OperationLog} and to the listener.
 */
public final class Workload {

    /** Told of every attempt as it completes (timeline, visibility probes). */
    public interface Listener {
        void attempted(Operation operation, Attempt attempt);
    }

    private static final Duration CLIENT_BACKOFF = Duration.ofMillis(300);
    private static final Duration DOWN_BACKOFF = Duration.ofSeconds(1);
    private static final int CLIENT_RETRIES = 2;
    /** Kafka commands awaiting their result, per worker: the topic is asynchronous, the workload stays bounded. */
    private static final int KAFKA_IN_FLIGHT_PER_WORKER = 4;

    private record Late(Operation operation, long due) {
    }

    private final WorkloadSettings settings;
    private final Accounts accounts;
    private final HttpCommands http;
    private final KafkaCommands kafka;
    private final IntFunction<String> tokenOfWorker;
    private final OperationLog log;
    private final Listener listener;
    private final AtomicLong issued = new AtomicLong();
    private volatile String idPrefix = "";
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    /** Kafka commands waiting for their result; bounded so a stalled consumer does not pile them up. */
    private final Semaphore kafkaInFlight;
    private final AtomicLong kafkaOutstanding = new AtomicLong();
    private final ScheduledExecutorService resends = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "prove-kafka-resends");
        t.setDaemon(true);
        return t;
    });

    public Workload(WorkloadSettings settings, Accounts accounts, HttpCommands http, KafkaCommands kafka,
                    IntFunction<String> tokenOfWorker, OperationLog log, Listener listener) {
        this.settings = settings;
        this.accounts = accounts;
        this.http = http;
        this.kafka = kafka;
        this.tokenOfWorker = tokenOfWorker;
        this.log = log;
        this.listener = listener;
        this.kafkaInFlight = new Semaphore(KAFKA_IN_FLIGHT_PER_WORKER * settings.concurrency());
    }

    /** Opens every account and makes its first deposit, retrying each until it is acknowledged. */
    public void setUp(Duration patience) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Account account : accounts.all()) {
                done.add(pool.submit(() -> {
                    String token = tokenOfWorker.apply(0);
                    untilAcknowledged(Operation.open(account.id(), account.ownerId(), account.currency(),
                            account.overdraftLimit()), token, patience);
                    untilAcknowledged(Operation.money(Operation.Kind.DEPOSIT, Operation.Channel.HTTP, account.id(),
                            "seed-" + account.id(), settings.seedDeposit(), account.currency()), token, patience);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the workers until {@code keepGoing} says stop (or the operation count is reached); then late retries. */
    public void run(BooleanSupplier keepGoing) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        nextSlot.set(System.nanoTime());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < settings.concurrency(); w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    work(worker, keepGoing);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            awaitKafkaResults();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** Every Kafka command sent gets its answer (or its timeout, and the retries after it) before the check. */
    private void awaitKafkaResults() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (kafkaOutstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        resends.shutdownNow();
    }

    /**
     * Prefixes the ids of the operations drawn from now on: each phase of a benchmark suite runs the workers
     * again from sequence 0, and its transaction and transfer ids must not repeat an earlier phase's.
     */
    public void idPrefix(String prefix) {
        this.idPrefix = prefix;
    }

    /** First attempts so far. */
    public long issued() {
        return issued.get();
    }

    private void work(int worker, BooleanSupplier keepGoing) {
        Random random = new Random(settings.seed() * 1_000_003L + worker);
        String token = tokenOfWorker.apply(worker);
        Deque<Late> late = new ArrayDeque<>();
        long sequence = 0;
        while (keepGoing.getAsBoolean()) {
            if (settings.operations() > 0 && issued.getAndIncrement() >= settings.operations()) {
                break;
            } else if (settings.operations() == 0) {
                issued.incrementAndGet();
            }
            pace();
            Operation operation = next(random, worker, sequence++);
            send(operation, token);
            if (random.nextDouble() < settings.retryProbability()) {
                if (random.nextBoolean()) {
                    send(operation, token);
                } else {
                    late.add(new Late(operation, sequence + 5 + random.nextInt(40)));
                }
            }
            while (!late.isEmpty() && late.peek().due() <= sequence) {
                send(late.poll().operation(), token);
            }
        }
        late.forEach(l -> send(l.operation(), token));
    }

    private Operation next(Random random, int worker, long sequence) {
        Operation.Kind kind = settings.mix().pick(random);
        Operation.Channel channel = kafka != null && random.nextDouble() < settings.viaKafka()
                ? Operation.Channel.KAFKA : Operation.Channel.HTTP;
        Account account = accounts.pick(random);
        String id = idPrefix + worker + "-" + sequence;
        return switch (kind) {
            case DEPOSIT -> Operation.money(kind, channel, account.id(), "tx-" + id, amount(random,
                    settings.amounts().deposit()), account.currency());
            case WITHDRAW -> Operation.money(kind, channel, account.id(), "tx-" + id, amount(random,
                    settings.amounts().withdraw()), account.currency());
            case TRANSFER -> {
                boolean otherCurrency = random.nextDouble() < settings.crossCurrencyShare();
                Account destination = accounts.pickOther(random, account, otherCurrency);
                yield Operation.transfer(channel, "tr-" + id, account.id(), destination.id(),
                        amount(random, settings.amounts().transfer()), account.currency());
            }
            case OPEN -> throw new IllegalStateException("accounts are opened in set-up");
        };
    }

    private static long amount(Random random, long max) {
        return 1 + (long) random.nextInt((int) Math.min(Integer.MAX_VALUE, max));
    }

    /**
     * Sends an operation and retries what a client cannot know the fate of (a pause first, so a dead service is
     * not hammered). HTTP waits for the answer; a Kafka command is answered later, and its retries follow then.
     */
    private void send(Operation operation, String token) {
        Operation op = operation;
        if (op.channel() == Operation.Channel.KAFKA) {
            if (acquireKafkaSlot()) {
                sendOverKafka(op, 0);
                return;
            }
            // Results have stalled (the command-service or the broker is down): keep the load on, over HTTP, with
            // the same ids, which also proves exactly-once across both channels.
            op = op.overHttp();
        }
        Attempt attempt = attempt(op, token);
        for (int retry = 0; retry < CLIENT_RETRIES && inDoubt(attempt); retry++) {
            pause(CLIENT_BACKOFF);
            attempt = attempt(op, token);
        }
        if (attempt.outcome() == Outcome.NOT_SENT) {
            pause(DOWN_BACKOFF); // the service is down: its restart takes seconds, spinning would only log noise
        }
    }

    private boolean acquireKafkaSlot() {
        try {
            return kafkaInFlight.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void sendOverKafka(Operation operation, int retry) {
        kafkaOutstanding.incrementAndGet();
        // The first retry resends the same command id (the topic's dedupe); later attempts are new commands with
        // the same transaction or transfer id (the ledger's exactly-once).
        int previous = log.attemptsOf(operation);
        String commandId = "c-" + operation.referenceId() + "-" + (retry == 1 ? previous - 1 : previous);
        kafka.submit(operation, commandId, attempt -> {
            log.record(operation, attempt);
            listener.attempted(operation, attempt);
            if (inDoubt(attempt) && retry < CLIENT_RETRIES && !resends.isShutdown()) {
                resends.schedule(() -> sendOverKafka(operation, retry + 1), CLIENT_BACKOFF.toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                kafkaInFlight.release();
            }
            kafkaOutstanding.decrementAndGet();
        });
    }

    private static boolean inDoubt(Attempt attempt) {
        return attempt.outcome() == Outcome.UNKNOWN || attempt.outcome() == Outcome.NOT_SENT;
    }

    private void untilAcknowledged(Operation operation, String token, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Attempt attempt = attempt(operation, token);
            if (attempt.outcome() == Outcome.OK) {
                return;
            }
            if (attempt.outcome() == Outcome.REJECTED && attempt.status() != 429) {
                throw new IllegalStateException("set-up refused: " + operation + " -> " + attempt.describe());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("set-up not acknowledged within " + patience + ": " + operation
                        + " -> " + attempt.describe());
            }
            pause(CLIENT_BACKOFF);
        }
    }

    private Attempt attempt(Operation operation, String token) {
        int previous = log.attemptsOf(operation);
        HttpCommands.Style style = operation.kind() == Operation.Kind.OPEN ? HttpCommands.Style.PLAIN
                : settings.style();
        Attempt attempt = http.execute(operation, token, "p-" + operation.referenceId() + "-" + previous, style);
        log.record(operation, attempt);
        listener.attempted(operation, attempt);
        return attempt;
    }

    /** With a target rate, each operation takes the next free slot; a worker that fell behind does not burst. */
    private void pace() {
        if (settings.rate() <= 0) {
            return;
        }
        long interval = (long) (1e9 / settings.rate());
        long now = System.nanoTime();
        long slot = nextSlot.getAndAdd(interval);
        if (slot < now - 1_000_000_000L) {
            nextSlot.set(now + interval);
            return;
        }
        if (slot > now) {
            pause(Duration.ofNanos(slot - now));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
