package io.ledgerline.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.command.CommandResult;
import io.ledgerline.contracts.command.CommandStatus;
import io.ledgerline.contracts.transfer.TransferCompleted;
import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.testkit.events.Commands;
import io.ledgerline.testkit.events.Events;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

/**
 * Throws thousands of generated hostile records at both event topics, on every partition, and checks that the
 * projection neither stops nor changes anything: bodies with huge declared lengths, union branches that do not
 * exist, endless varints, truncated bodies, trailing bytes, a broken marker, tombstones, random bytes, values
 * larger than {@link LedgerCodec#MAX_MESSAGE_BYTES}; missing or invalid headers; and valid bodies under headers
 * that contradict them (another aggregate id or event type, the other stream's topic, a first event that is not
 * version 1, a command where an event belongs, another schema's fingerprint). Most contradicting records name the
 * probe accounts and transfers, so a record that got through would show on them.
 *
 * <p>After each batch a valid event per partition (the next deposit of a probe account, a new probe transfer)
 * must be projected. At the end the projection's consumers all still run, every hostile record reached its
 * topic's dead-letter topic exactly once with the error code its kind implies, the probes hold exactly what the
 * valid events say, and no read-model document mentions a hostile id.
 *
 * <p>Every batch holds the 15-byte record that used to stop the projection for good: {@code C3 01}, the real
 * fingerprint of {@code MoneyDeposited}, then an {@code accountId} length of 2^30. Before {@code BodyCheck}, Avro
 * allocated that gigabyte before noticing the bytes were not there, and a service's heap answered with an
 * OutOfMemoryError, which the listener container does not survive. This JVM's heap may survive the allocation,
 * so the test also counts what the projection's consumer threads allocate per batch: far less than one bomb's
 * declared length. Trailing bytes guard the same check another way: without it a valid first event with trailing
 * bytes would be projected and leave a document behind.
 *
 * <p>A minute per batch is also a bound on what a dead letter costs: the container used to seek back after each
 * one and wait out the consumer's in-flight fetch, about half a second per record once one partition is left.
 *
 * <p>No record here has a well-formed value with an unknown fingerprint: by contract those are retried until the
 * reader is upgraded, and would block their partition on purpose. The seed is printed and settable with
 * {@code -Dledgerline.fuzz.seed}; so is the count ({@code -Dledgerline.fuzz.records}).
 */
class EventTopicFuzzIT extends IntegrationTestBase {

    private static final int RECORDS = Integer.getInteger("ledgerline.fuzz.records", 3000);
    private static final int BATCHES = 10;
    /** The length the bomb declares; the projection's consumer must allocate less than that for a whole batch. */
    private static final long BOMB_LENGTH = 1L << 30;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String MALFORMED = DeadLetters.MALFORMED_MESSAGE;
    private static final String INVALID_HEADERS = InvalidEventException.INVALID_HEADERS;
    private static final String INVALID_EVENT = InvalidEventException.INVALID_EVENT;

    enum Kind {
        LENGTH_BOMB(MALFORMED),
        HUGE_LENGTH(MALFORMED),
        UNION_BRANCH(MALFORMED),
        ENDLESS_VARINT(MALFORMED),
        TRUNCATED(MALFORMED),
        TRAILING_BYTES(MALFORMED),
        BROKEN_MARKER(MALFORMED),
        TOMBSTONE(MALFORMED),
        RANDOM_BYTES(MALFORMED),
        OVERSIZE(MALFORMED),
        NO_HEADERS(INVALID_HEADERS),
        BAD_HEADER(INVALID_HEADERS),
        TYPE_MISMATCH(INVALID_EVENT),
        ID_MISMATCH(INVALID_EVENT),
        WRONG_TOPIC(INVALID_EVENT),
        FIRST_EVENT_VERSION(INVALID_EVENT),
        NOT_AN_EVENT(INVALID_EVENT),
        // the body may or may not fit the other schema; if it does, it is not the type the headers name
        SWAPPED_FINGERPRINT(MALFORMED, INVALID_EVENT);

        private final Set<String> codes;

        Kind(String... codes) {
            this.codes = Set.of(codes);
        }
    }

    private record Hostile(Kind kind, ProducerRecord<byte[], byte[]> record) {
    }

    /** A valid event and the version it would have in its stream. */
    private record Body(SpecificRecord event, long version) {

        byte[] bytes() {
            return LedgerCodec.contracts().encode(event);
        }

        String type() {
            return event.getSchema().getFullName();
        }
    }

    private final LedgerCodec codec = LedgerCodec.contracts();

    @Autowired
    private KafkaTemplate<byte[], byte[]> kafka;

    @Autowired
    private ConsumerFactory<byte[], byte[]> consumers;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private TopicProperties topics;

    private Random random;
    private String fuzz;
    private int serial;
    /** One probe account per partition of the account topic, its events always on that partition. */
    private final List<AccountScript> accounts = new ArrayList<>();
    /** The probe transfers of each partition of the transfer topic, in the order they were sent. */
    private final List<List<String>> transfers = new ArrayList<>();
    private final Map<String, Long> transferAmounts = new HashMap<>();

    @Test
    void noHostileRecordStopsTheProjectionOrChangesAReadModel() {
        long seed = Long.getLong("ledgerline.fuzz.seed", System.nanoTime());
        System.out.printf("EventTopicFuzzIT: %d records, seed %d (-Dledgerline.fuzz.seed=%d replays it)%n",
                RECORDS, seed, seed);
        random = new Random(seed);
        fuzz = id("fz");
        int partitions = topics.partitions();
        for (int p = 0; p < partitions; p++) {
            accounts.add(new AccountScript(id("probe"), id("owner"), "EUR", someTime()));
            transfers.add(new ArrayList<>());
            send(EventRecords.onPartition(accounts.get(p).event(1), p));
            send(newProbeTransfer(p));
        }
        awaitProbes();
        Map<TopicPartition, Long> deadLettersBefore = deadLetterEnds(partitions);
        double unknownBefore = unknownSchemas();
        Map<String, Hostile> sent = new HashMap<>();
        Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
        long mostAllocated = 0;
        long started = System.nanoTime();

        for (int batch = 0; batch < BATCHES; batch++) {
            List<Hostile> hostiles = new ArrayList<>();
            hostiles.add(hostile(Kind.LENGTH_BOMB));
            int size = RECORDS / BATCHES + (batch < RECORDS % BATCHES ? 1 : 0);
            while (hostiles.size() < size) {
                hostiles.add(hostile(randomKind()));
            }
            long allocatedBefore = allocatedBytes();
            sendAll(hostiles).forEach((source, hostile) -> {
                sent.put(source, hostile);
                int[] perTopic = counts.computeIfAbsent(hostile.kind(), kind -> new int[2]);
                perTopic[hostile.record().topic().equals(Topics.ACCOUNT_EVENTS) ? 0 : 1]++;
            });
            for (int p = 0; p < partitions; p++) {
                AccountScript account = accounts.get(p);
                account.deposit("probe-" + batch, 1 + random.nextInt(100));
                send(EventRecords.onPartition(account.event(account.version()), p));
                send(newProbeTransfer(p));
            }
            awaitProbes();
            long allocated = allocatedBytes() - allocatedBefore;
            // this JVM's heap may survive a 1 GiB allocation per bomb, a service's does not: count what they cost
            assertThat(allocated).as("bytes the projection's consumer allocated for batch %d", batch)
                    .isLessThan(BOMB_LENGTH);
            mostAllocated = Math.max(mostAllocated, allocated);
            assertEveryConsumerRuns();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        counts.forEach((kind, perTopic) -> System.out.printf("EventTopicFuzzIT: %-20s %5d (account %d, transfer %d)%n",
                kind, perTopic[0] + perTopic[1], perTopic[0], perTopic[1]));

        Map<String, Integer> codes = assertDeadLetteredOnce(deadLettersBefore, sent);
        assertEveryConsumerRuns();
        assertThat(unknownSchemas()).as("unknown-schema retries (these would block a partition)")
                .isEqualTo(unknownBefore);
        int probes = assertProbesHoldExactlyTheirEvents();
        assertThat(documentsMentioning(List.of(fuzz), "(accounts|statements|transfers|parked_events)_g\\d+"))
                .as("read-model documents written by hostile records").isEmpty();
        System.out.printf("EventTopicFuzzIT: %d hostile records and %d probes in %d s; dead-lettered by code %s;"
                + " at most %d MiB allocated per batch by the projection's consumer%n", sent.size(), probes, seconds,
                codes, mostAllocated >> 20);
    }

    private Kind randomKind() {
        if (random.nextInt(200) == 0) {
            return Kind.OVERSIZE; // a few only: each costs a 64 KiB+ fetch and a dead letter as large
        }
        Kind[] kinds = Kind.values();
        Kind kind;
        do {
            kind = kinds[random.nextInt(kinds.length)];
        } while (kind == Kind.OVERSIZE);
        return kind;
    }

    private Hostile hostile(Kind kind) {
        AggregateType type = random.nextBoolean() ? AggregateType.ACCOUNT : AggregateType.TRANSFER;
        int partition = random.nextInt(accounts.size());
        String id = fuzz + "-" + (++serial);
        Body body = body(type, id);
        return switch (kind) {
            case LENGTH_BOMB -> {
                // C3 01, MoneyDeposited's fingerprint, then accountId's length 2^30: the varint 80 80 80 80 08
                byte[] bomb = Arrays.copyOf(codec.encode(Events.deposited(id, id, 1, "EUR", 1, null)), 15);
                writeVarint(bomb, 10, BOMB_LENGTH);
                yield underHeaders(kind, type, partition, id, 2, MoneyDeposited.getClassSchema().getFullName(), bomb);
            }
            case HUGE_LENGTH -> {
                // the first or second field of a deposit and of a transfer request is a string
                Body strings = type == AggregateType.ACCOUNT
                        ? new Body(Events.deposited(id, id, 5, "EUR", 5, "fuzz"), 2)
                        : new Body(Events.requested(id, "src", "dst", 5, "EUR"), 1);
                int at = random.nextBoolean() ? 10 : 10 + 1 + id.length();
                long length = switch (random.nextInt(4)) {
                    case 0 -> 1L << (12 + random.nextInt(50));
                    case 1 -> Integer.MAX_VALUE - random.nextInt(16);
                    case 2 -> -(1 + random.nextInt(1 << 20));
                    default -> Long.MAX_VALUE;
                };
                byte[] valid = strings.bytes();
                byte[] bytes = Arrays.copyOf(valid, Math.max(valid.length, at + 10));
                int end = writeVarint(bytes, at, length);
                yield underHeaders(kind, type, partition, id, strings,
                        Arrays.copyOf(bytes, Math.max(valid.length, end)));
            }
            case UNION_BRANCH -> {
                // both end with description: ["null", "string"], here null, i.e. branch 0
                Body union = type == AggregateType.ACCOUNT
                        ? new Body(Events.deposited(id, id, 5, "EUR", 5, null), 2)
                        : new Body(Events.requested(id, "src", "dst", 5, "EUR"), 1);
                byte[] valid = union.bytes();
                long branch = switch (random.nextInt(3)) {
                    case 0 -> 2 + random.nextInt(62);
                    case 1 -> -(1 + random.nextInt(64));
                    default -> 1L << (31 + random.nextInt(31));
                };
                byte[] bytes = Arrays.copyOf(valid, valid.length + 9);
                int end = writeVarint(bytes, valid.length - 1, branch);
                yield underHeaders(kind, type, partition, id, union, Arrays.copyOf(bytes, end));
            }
            case ENDLESS_VARINT -> {
                byte[] bytes = Arrays.copyOf(body.bytes(), 10 + 1 + random.nextInt(30));
                Arrays.fill(bytes, 10, bytes.length, (byte) 0xFF);
                yield underHeaders(kind, type, partition, id, body, bytes);
            }
            case TRUNCATED -> {
                byte[] valid = body.bytes();
                yield underHeaders(kind, type, partition, id, body, Arrays.copyOf(valid, random.nextInt(valid.length)));
            }
            case TRAILING_BYTES -> {
                // a first event, so that without the check it would be projected and leave a document
                Body first = type == AggregateType.ACCOUNT
                        ? new Body(Events.opened(id, id, "EUR", 0), 1)
                        : new Body(Events.requested(id, "src", "dst", 5, "EUR"), 1);
                byte[] valid = first.bytes();
                byte[] bytes = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(20));
                randomBytes(bytes, valid.length);
                yield underHeaders(kind, type, partition, id, first, bytes);
            }
            case BROKEN_MARKER -> {
                byte[] valid = body.bytes();
                byte[] bytes = random.nextBoolean() ? Arrays.copyOf(valid, 2 + random.nextInt(8)) : valid.clone();
                if (bytes.length == valid.length) {
                    int at = random.nextInt(2);
                    bytes[at] = (byte) (bytes[at] + 1 + random.nextInt(255));
                }
                yield underHeaders(kind, type, partition, id, body, bytes);
            }
            case TOMBSTONE -> underHeaders(kind, type, partition, id, body, null);
            case RANDOM_BYTES -> underHeaders(kind, type, partition, id, body, noMarker(random.nextInt(300)));
            case OVERSIZE -> {
                byte[] bytes = Arrays.copyOf(body.bytes(), LedgerCodec.MAX_MESSAGE_BYTES + 1
                        + random.nextInt(LedgerCodec.MAX_MESSAGE_BYTES));
                yield underHeaders(kind, type, partition, id, body, bytes);
            }
            case NO_HEADERS -> {
                if (random.nextBoolean()) {
                    AccountScript account = accounts.get(partition);
                    yield new Hostile(kind, new ProducerRecord<>(Topics.ACCOUNT_EVENTS, partition,
                            bytes(account.accountId()), nextDeposit(account).bytes()));
                }
                yield new Hostile(kind, new ProducerRecord<>(type.topic(), partition,
                        random.nextBoolean() ? null : bytes(id), noMarker(random.nextInt(300))));
            }
            case BAD_HEADER -> badHeader(kind, type, partition, id, body);
            case TYPE_MISMATCH -> {
                if (type == AggregateType.ACCOUNT) {
                    AccountScript account = accounts.get(partition);
                    Body deposit = nextDeposit(account);
                    String claimed = pick("io.ledgerline.contracts.account.MoneyWithdrawn",
                            "io.ledgerline.contracts.account.AccountOpened",
                            TransferCompleted.getClassSchema().getFullName(),
                            "io.ledgerline.contracts.account.MoneyPrinted");
                    yield underHeaders(kind, type, partition, account.accountId(), deposit.version(), claimed,
                            deposit.bytes());
                }
                String transferId = someProbeTransfer(partition);
                String claimed = pick("io.ledgerline.contracts.transfer.TransferFailed",
                        "io.ledgerline.contracts.transfer.TransferRejected",
                        MoneyDeposited.getClassSchema().getFullName());
                yield underHeaders(kind, type, partition, transferId, 2, claimed,
                        codec.encode(Events.completed(transferId)));
            }
            case ID_MISMATCH -> {
                if (type == AggregateType.ACCOUNT) {
                    AccountScript account = accounts.get(partition);
                    AccountScript other = accounts.get(random.nextInt(accounts.size()));
                    String claimed = other == account ? id : other.accountId();
                    yield underHeaders(kind, type, partition, claimed, other.version() + 1,
                            MoneyDeposited.getClassSchema().getFullName(), nextDeposit(account).bytes());
                }
                String transferId = someProbeTransfer(partition);
                String claimed = random.nextBoolean() ? id : someProbeTransfer(random.nextInt(transfers.size()));
                if (claimed.equals(transferId)) {
                    claimed = id;
                }
                yield underHeaders(kind, type, partition, claimed, 2, TransferCompleted.getClassSchema().getFullName(),
                        codec.encode(Events.completed(transferId)));
            }
            case WRONG_TOPIC -> {
                // headers and value agree, but the value belongs on the other stream's topic
                if (type == AggregateType.ACCOUNT) {
                    String transferId = someProbeTransfer(random.nextInt(transfers.size()));
                    yield underHeaders(kind, type, partition, transferId,
                            new Body(Events.completed(transferId), 2), codec.encode(Events.completed(transferId)));
                }
                Body deposit = nextDeposit(accounts.get(random.nextInt(accounts.size())));
                String accountId = deposit.event().get(0).toString();
                yield underHeaders(kind, type, partition, accountId, deposit, deposit.bytes());
            }
            case FIRST_EVENT_VERSION -> {
                if (type == AggregateType.ACCOUNT) {
                    AccountScript account = accounts.get(partition);
                    Body wrong = random.nextBoolean()
                            ? new Body(Events.opened(account.accountId(), id, "EUR", 0), account.version() + 1)
                            : new Body(nextDeposit(account).event(), 1);
                    yield underHeaders(kind, type, partition, account.accountId(), wrong, wrong.bytes());
                }
                String transferId = someProbeTransfer(partition);
                Body wrong = random.nextBoolean()
                        ? new Body(Events.requested(transferId, "src", "dst", 5, "EUR"), 2 + random.nextInt(5))
                        : new Body(Events.completed(transferId), 1);
                yield underHeaders(kind, type, partition, transferId, wrong, wrong.bytes());
            }
            case NOT_AN_EVENT -> {
                SpecificRecord command;
                String aggregateId;
                if (type == AggregateType.ACCOUNT) {
                    aggregateId = accounts.get(partition).accountId();
                    command = Commands.deposit(aggregateId, id, 5, "EUR");
                } else if (random.nextBoolean()) {
                    aggregateId = someProbeTransfer(partition);
                    command = Commands.transfer(aggregateId, "src", "dst", 5, "EUR");
                } else {
                    aggregateId = id;
                    command = CommandResult.newBuilder().setCommandId(id).setStatus(CommandStatus.SUCCEEDED).build();
                }
                yield underHeaders(kind, type, partition, aggregateId, new Body(command, 2), codec.encode(command));
            }
            case SWAPPED_FINGERPRINT -> {
                Body original = random.nextBoolean() ? body
                        : type == AggregateType.ACCOUNT ? nextDeposit(accounts.get(partition))
                        : new Body(Events.completed(someProbeTransfer(partition)), 2);
                List<Schema> others = codec.knownWriterSchemas().stream()
                        .filter(schema -> !schema.getFullName().equals(original.type())).toList();
                byte[] bytes = original.bytes();
                ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(SchemaNormalization.parsingFingerprint64(others.get(random.nextInt(others.size()))));
                String aggregateId = original.event().get(0).toString();
                yield underHeaders(kind, type, partition, aggregateId, original, bytes);
            }
        };
    }

    /** A valid body for the headers, with exactly one header missing or invalid. */
    private Hostile badHeader(Kind kind, AggregateType type, int partition, String id, Body body) {
        String aggregateId = id;
        if (type == AggregateType.ACCOUNT && random.nextBoolean()) {
            // the probe's next deposit: were the header not checked, the probe would change
            AccountScript account = accounts.get(partition);
            aggregateId = account.accountId();
            body = nextDeposit(account);
        }
        ProducerRecord<byte[], byte[]> record = underHeaders(kind, type, partition, aggregateId, body, body.bytes())
                .record();
        switch (random.nextInt(12)) {
            case 0 -> record.headers().remove(LedgerHeaders.AGGREGATE_ID);
            case 1 -> replace(record, LedgerHeaders.AGGREGATE_ID, pick(" ", "../" + aggregateId, "a".repeat(65),
                    "{\"$gt\":\"\"}", "ü" + aggregateId, "-" + aggregateId));
            case 2 -> record.headers().remove(LedgerHeaders.AGGREGATE_VERSION);
            case 3 -> replace(record, LedgerHeaders.AGGREGATE_VERSION,
                    pick("abc", "1.5", "", " 2", "0x10", "99999999999999999999", "NaN", "2e3"));
            case 4 -> replace(record, LedgerHeaders.AGGREGATE_VERSION, pick("0", "-1", "-" + (2 + random.nextInt(1000)),
                    Long.toString(Long.MIN_VALUE)));
            case 5 -> record.headers().remove(LedgerHeaders.EVENT_ID);
            case 6 -> replace(record, LedgerHeaders.EVENT_ID,
                    pick("not-a-uuid", "", "{\"$ne\":null}", "1234", "g" + id));
            case 7 -> record.headers().remove(LedgerHeaders.OCCURRED_AT);
            case 8 -> replace(record, LedgerHeaders.OCCURRED_AT, pick("yesterday", "2026-13-45T99:99:99Z",
                    "2026-11-27T10:00:00", "1764237600", "", "2026-11-27 10:00:00Z"));
            case 9 -> record.headers().remove(LedgerHeaders.EVENT_TYPE);
            case 10 -> replace(record, LedgerHeaders.EVENT_TYPE, pick("", " "));
            default -> {
                // present, but without a value
                record.headers().remove(LedgerHeaders.AGGREGATE_ID);
                record.headers().add(LedgerHeaders.AGGREGATE_ID, null);
            }
        }
        return new Hostile(kind, record);
    }

    /** A valid event of the stream, for the hostile id: what most kinds then break. */
    private Body body(AggregateType type, String id) {
        long amount = 1 + random.nextInt(1000);
        if (type == AggregateType.ACCOUNT) {
            return switch (random.nextInt(9)) {
                case 0 -> new Body(Events.opened(id, id, "EUR", 0), 1);
                case 1 -> later(Events.deposited(id, id, amount, "EUR", amount, "fuzz"));
                case 2 -> later(Events.withdrawn(id, id, amount, "EUR", -amount));
                case 3 -> later(Events.frozen(id));
                case 4 -> later(Events.unfrozen(id));
                case 5 -> later(Events.closed(id));
                case 6 -> later(Events.debited(id, id, "elsewhere", amount, "EUR", -amount));
                case 7 -> later(Events.credited(id, id, "elsewhere", amount, "EUR", amount));
                default -> later(Events.refunded(id, id, amount, "EUR", amount));
            };
        }
        return switch (random.nextInt(4)) {
            case 0 -> new Body(Events.requested(id, "src", "dst", amount, "EUR"), 1);
            case 1 -> later(Events.completed(id));
            case 2 -> later(Events.rejected(id, "insufficient-funds"));
            default -> later(Events.failed(id, "fuzz"));
        };
    }

    private Body later(SpecificRecord event) {
        return new Body(event, 2 + random.nextInt(5));
    }

    /** A deposit the probe account would accept as its next event; its transaction id is hostile. */
    private Body nextDeposit(AccountScript account) {
        long amount = 1 + random.nextInt(1000);
        return new Body(Events.deposited(account.accountId(), fuzz + "-" + (++serial), amount, "EUR",
                account.balance() + amount, "fuzz"), account.version() + 1);
    }

    private Hostile underHeaders(Kind kind, AggregateType type, int partition, String aggregateId, Body body,
            byte[] value) {
        return underHeaders(kind, type, partition, aggregateId, body.version(), body.type(), value);
    }

    private Hostile underHeaders(Kind kind, AggregateType type, int partition, String aggregateId, long version,
            String eventType, byte[] value) {
        return new Hostile(kind, EventRecords.record(type.topic(), partition, aggregateId, version, eventType, value,
                Instant.now()));
    }

    private ProducerRecord<byte[], byte[]> newProbeTransfer(int partition) {
        String transferId = id("probe-tr");
        long amount = 1 + random.nextInt(1000);
        transfers.get(partition).add(transferId);
        transferAmounts.put(transferId, amount);
        return EventRecords.onPartition(EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 1,
                Events.requested(transferId, "probe-src", "probe-dst", amount, "EUR"), someTime()), partition);
    }

    private String someProbeTransfer(int partition) {
        List<String> sent = transfers.get(partition);
        return sent.get(random.nextInt(sent.size()));
    }

    /** Random bytes that do not start with C3 01: that and eight random bytes would be an unknown schema. */
    private byte[] noMarker(int length) {
        byte[] bytes = new byte[length];
        randomBytes(bytes, 0);
        if (length > 1 && bytes[0] == (byte) 0xC3 && bytes[1] == 0x01) {
            bytes[1] = 0x02;
        }
        return bytes;
    }

    private void randomBytes(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private static void replace(ProducerRecord<byte[], byte[]> record, String header, String value) {
        record.headers().remove(header);
        record.headers().add(header, bytes(value));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code value} as an Avro zig-zag varint at {@code at}; returns where it ends. */
    private static int writeVarint(byte[] bytes, int at, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            bytes[at++] = (byte) ((zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        bytes[at++] = (byte) zigzag;
        return at;
    }

    /** Produces the records and returns them by where they landed, {@code topic-partition@offset}. */
    private Map<String, Hostile> sendAll(List<Hostile> hostiles) {
        List<CompletableFuture<SendResult<byte[], byte[]>>> results = hostiles.stream()
                .map(hostile -> kafka.send(hostile.record())).toList();
        Map<String, Hostile> bySource = new HashMap<>();
        for (int i = 0; i < hostiles.size(); i++) {
            var metadata = results.get(i).orTimeout(30, TimeUnit.SECONDS).join().getRecordMetadata();
            bySource.put(source(metadata.topic(), metadata.partition(), metadata.offset()), hostiles.get(i));
        }
        return bySource;
    }

    private static String source(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private void awaitProbes() {
        String token = operator();
        for (AccountScript account : accounts) {
            await().atMost(WAIT).until(() -> http.get("/api/v1/accounts/" + account.accountId(), token),
                    response -> response.status() == 200
                            && response.json().path("version").asLong() >= account.version());
        }
        for (List<String> sent : transfers) {
            for (String transferId : sent) {
                await().atMost(WAIT).until(() -> http.get("/api/v1/transfers/" + transferId, token).status() == 200);
            }
        }
    }

    /** Returns how many probe events there were. */
    private int assertProbesHoldExactlyTheirEvents() {
        String token = operator();
        for (AccountScript account : accounts) {
            JsonNode view = http.get("/api/v1/accounts/" + account.accountId(), token).json();
            assertThat(view.path("version").asLong()).as(account.accountId()).isEqualTo(account.version());
            assertThat(view.path("balance").asLong()).as(account.accountId()).isEqualTo(account.balance());
            assertThat(view.path("status").asText()).as(account.accountId()).isEqualTo("OPEN");
            List<String> lines = new ArrayList<>();
            http.get("/api/v1/accounts/" + account.accountId() + "/transactions?limit=200", token).json().path("items")
                    .forEach(item -> lines.add(item.path("transactionId").asText()));
            assertThat(lines).as(account.accountId()).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, BATCHES).mapToObj(batch -> "probe-" + batch).toList());
        }
        for (List<String> sent : transfers) {
            for (String transferId : sent) {
                JsonNode view = http.get("/api/v1/transfers/" + transferId, token).json();
                assertThat(view.path("version").asLong()).as(transferId).isEqualTo(1);
                assertThat(view.path("status").asText()).as(transferId).isEqualTo("REQUESTED");
                assertThat(view.path("amount").asLong()).as(transferId).isEqualTo(transferAmounts.get(transferId));
            }
        }
        List<String> probeIds = new ArrayList<>(transferAmounts.keySet());
        accounts.forEach(account -> probeIds.add(account.accountId()));
        assertThat(documentsMentioning(probeIds, "parked_events_g\\d+")).as("parked events of the probes").isEmpty();
        return accounts.stream().mapToInt(account -> (int) account.version()).sum() + transferAmounts.size();
    }

    /** Reads both dead-letter topics from {@code from} on until every hostile record is there; codes by count. */
    private Map<String, Integer> assertDeadLetteredOnce(Map<TopicPartition, Long> from, Map<String, Hostile> sent) {
        Map<String, String> codes = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        List<String> wrongCodes = new ArrayList<>();
        try (Consumer<byte[], byte[]> consumer = consumers.createConsumer(id("fuzz-dlt"), null)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            await().atMost(WAIT).untilAsserted(() -> {
                for (ConsumerRecord<byte[], byte[]> dead : consumer.poll(Duration.ofMillis(200))) {
                    String source = source(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                            ByteBuffer.wrap(raw(dead, KafkaHeaders.DLT_ORIGINAL_PARTITION)).getInt(),
                            ByteBuffer.wrap(raw(dead, KafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong());
                    Hostile hostile = sent.get(source);
                    if (hostile == null) {
                        continue; // an earlier test's
                    }
                    String code = header(dead, LedgerHeaders.ERROR_CODE);
                    if (codes.put(source, code) != null) {
                        duplicates.add(source);
                    }
                    if (!hostile.kind().codes.contains(code)) {
                        wrongCodes.add(hostile.kind() + " " + source + ": " + code + " ("
                                + header(dead, LedgerHeaders.ERROR_DETAIL) + ")");
                    }
                }
                Set<String> missing = new HashSet<>(sent.keySet());
                missing.removeAll(codes.keySet());
                assertThat(missing).as("hostile records not dead-lettered").isEmpty();
            });
        }
        assertThat(wrongCodes).as("dead letters with another code than their kind implies").isEmpty();
        assertThat(duplicates).as("records dead-lettered more than once").isEmpty();
        Map<String, Integer> byCode = new TreeMap<>();
        codes.values().forEach(code -> byCode.merge(code, 1, Integer::sum));
        return byCode;
    }

    private Map<TopicPartition, Long> deadLetterEnds(int partitions) {
        List<TopicPartition> deadLetters = new ArrayList<>();
        for (String topic : List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)) {
            for (int p = 0; p < partitions; p++) {
                deadLetters.add(new TopicPartition(Topics.deadLetter(topic), p));
            }
        }
        try (Consumer<byte[], byte[]> consumer = consumers.createConsumer(id("fuzz-dlt"), null)) {
            return new HashMap<>(consumer.endOffsets(deadLetters));
        }
    }

    /** The read-model documents, in collections whose name matches, that contain any of the strings. */
    private List<String> documentsMentioning(List<String> strings, String collections) {
        return mongo.getCollectionNames().stream().filter(name -> name.matches(collections))
                .flatMap(name -> mongo.findAll(Document.class, name).stream().map(Document::toJson)
                        .filter(json -> strings.stream().anyMatch(json::contains)).map(json -> name + " " + json))
                .toList();
    }

    private double unknownSchemas() {
        return meters.find("ledger.query.unknown.schema").counters().stream().mapToDouble(Counter::count).sum();
    }

    private void assertEveryConsumerRuns() {
        MessageListenerContainer container = listeners.getListenerContainer(ProjectionListener.LISTENER_ID);
        assertThat(container).isNotNull();
        assertThat(container.isRunning()).isTrue();
        assertThat(container).isInstanceOf(ConcurrentMessageListenerContainer.class);
        assertThat(((ConcurrentMessageListenerContainer<?, ?>) container).getContainers()).isNotEmpty()
                .allSatisfy(child -> assertThat(child.isRunning()).as(child.getListenerId()).isTrue());
    }

    /** Every byte the projection's consumer threads ({@code ledger-query-projections-<n>-C-1}) allocated so far. */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] projection = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(ProjectionListener.LISTENER_ID + "-"))
                .mapToLong(Thread::getId).toArray();
        assertThat(projection).isNotEmpty();
        return Arrays.stream(threads.getThreadAllocatedBytes(projection)).sum();
    }

    private static byte[] raw(ConsumerRecord<byte[], byte[]> record, String name) {
        return record.headers().lastHeader(name).value();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
