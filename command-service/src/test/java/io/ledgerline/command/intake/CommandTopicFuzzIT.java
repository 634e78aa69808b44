package io.ledgerline.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.command.CommandResult;
import io.ledgerline.contracts.command.CommandStatus;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.testkit.events.Commands;
import io.ledgerline.testkit.events.Events;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Throws thousands of generated hostile records at {@code ledger.commands.v1}, keyed like the probe accounts so
 * they share their partitions: huge declared lengths (the 15-byte record that used to cost a 1 GiB allocation and
 * stop the intake for good), truncated and corrupted bodies, unknown fingerprints, random bytes, messages larger
 * than the cap, events and results where a command belongs, invalid values, and valid commands without or with an
 * invalid {@code ledger-command-id}. After each batch a valid deposit per probe account must get its result; at
 * the end the intake's consumers all still run, every hostile record with a command id was answered REJECTED,
 * every hostile record reached the dead-letter topic, no account changed except by the probes, and the whole JVM
 * intake's threads allocated less than one bomb declares (this JVM's heap would survive them, a service's would
 * not). The seed is
 * printed and settable with {@code -Dledgerline.fuzz.seed}; so is the count ({@code -Dledgerline.fuzz.records}).
 */
class CommandTopicFuzzIT extends CommandServiceIT {

    private static final int RECORDS = Integer.getInteger("ledgerline.fuzz.records", 2000);
    private static final int BATCHES = 10;
    /** Far below what one length bomb would cost if the decoder allocated what it declares. */
    private static final long MAX_ALLOCATED = 1L << 30;

    private final LedgerCodec codec = LedgerCodec.contracts();

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> results;
    private KafkaConsumer<String, byte[]> deadLetters;
    private final Map<String, CommandResult> seenResults = new HashMap<>();
    private int deadLettered;

    enum Kind {
        LENGTH_BOMB, HUGE_STRING_LENGTH, TRUNCATED, UNION_BRANCH, ENDLESS_VARINT, TRAILING_BYTES, RANDOM_BYTES,
        UNKNOWN_FINGERPRINT, OVERSIZE, NOT_A_COMMAND, INVALID_VALUES, MISSING_COMMAND_ID, INVALID_COMMAND_ID
    }

    private record Hostile(Kind kind, String commandId, byte[] value) {
    }

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
        results = TopicReader.subscribedAtEnd(brokers, RESULT_TOPIC);
        deadLetters = TopicReader.subscribedAtEnd(brokers, Topics.deadLetter(COMMAND_TOPIC));
    }

    @AfterEach
    void disconnect() {
        producer.close();
        results.close();
        deadLetters.close();
    }

    @Test
    void noHostileRecordStopsTheIntakeOrChangesAnAccount() {
        List<String> probes = List.of(openAccount("alice", "EUR", 0), openAccount("bob", "EUR", 0),
                openAccount("carol", "EUR", 0));
        long eventsBefore = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        long seed = Long.getLong("ledgerline.fuzz.seed", System.nanoTime());
        System.out.printf("CommandTopicFuzzIT: %d records, seed %d (-Dledgerline.fuzz.seed=%d replays it)%n",
                RECORDS, seed, seed);
        Random random = new Random(seed);
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        List<String> answerable = new ArrayList<>();
        Map<String, Long> deposited = new HashMap<>();
        int sent = 0;
        long allocatedBefore = allocatedBytes();

        for (int batch = 0; batch < BATCHES; batch++) {
            for (int i = 0; i < RECORDS / BATCHES; i++) {
                String key = probes.get(random.nextInt(probes.size()));
                Hostile hostile = hostile(Kind.values()[random.nextInt(Kind.values().length)], key, random);
                counts.merge(hostile.kind(), 1, Integer::sum);
                send(key, hostile.commandId(), hostile.value());
                sent++;
                if (hostile.kind() != Kind.MISSING_COMMAND_ID && hostile.kind() != Kind.INVALID_COMMAND_ID) {
                    answerable.add(hostile.commandId());
                }
            }
            producer.flush();
            for (String account : probes) {
                long amount = 1 + random.nextInt(100);
                String probe = UUID.randomUUID().toString();
                send(account, probe, codec.encode(Commands.deposit(account, "probe-" + probe, amount, "EUR")));
                producer.flush();
                assertThat(awaitResult(probe).getStatus()).as("probe after batch %d", batch)
                        .isEqualTo(CommandStatus.SUCCEEDED);
                deposited.merge(account, amount, Long::sum);
            }
            assertEveryConsumerRuns();
        }
        long allocated = allocatedBytes() - allocatedBefore;
        System.out.printf("CommandTopicFuzzIT: %d MiB allocated by the intake's threads%n", allocated >> 20);
        // this JVM's heap is large enough to survive a 1 GiB allocation per length bomb, so count what they cost
        assertThat(allocated).as("bytes allocated by the intake's threads while the records were handled")
                .isLessThan(MAX_ALLOCATED);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            pollResults();
            return answerable.stream().allMatch(seenResults::containsKey);
        });
        assertThat(answerable).allSatisfy(id -> assertThat(seenResults.get(id).getStatus()).as(id)
                .isEqualTo(CommandStatus.REJECTED));
        int hostileCount = sent;
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            deadLettered += deadLetters.poll(Duration.ofMillis(200)).count();
            return deadLettered >= hostileCount;
        });
        assertThat(deadLettered).isEqualTo(hostileCount);
        for (String account : probes) {
            assertThat(storedBalance(account)).as(account).isEqualTo(deposited.get(account));
        }
        long eventsAfter = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        assertThat(eventsAfter - eventsBefore).isEqualTo((long) BATCHES * probes.size());
        assertEveryConsumerRuns();
        counts.forEach((kind, count) -> System.out.printf("CommandTopicFuzzIT: %-20s %5d%n", kind, count));
        System.out.printf("CommandTopicFuzzIT: %d REJECTED results, %d dead-lettered, %d probes applied%n",
                answerable.size(), deadLettered, BATCHES * probes.size());
    }

    private Hostile hostile(Kind kind, String account, Random random) {
        String id = UUID.randomUUID().toString();
        byte[] deposit = codec.encode(Commands.deposit(account, "fuzz-" + id, 1 + random.nextInt(1000), "EUR"));
        byte[] valid = randomCommand(account, id, random);
        return switch (kind) {
            case LENGTH_BOMB -> new Hostile(kind, id, withVarintAt(deposit, 10, 1L << 30, 15));
            case HUGE_STRING_LENGTH -> new Hostile(kind, id,
                    withVarintAt(valid, 10, 1L << (12 + random.nextInt(50)), valid.length));
            case TRUNCATED -> new Hostile(kind, id, Arrays.copyOf(valid, random.nextInt(valid.length)));
            case UNION_BRANCH -> {
                byte[] bytes = deposit.clone(); // DepositMoney ends with description: ["null", "string"], null
                bytes[bytes.length - 1] = (byte) (2 * (2 + random.nextInt(60)));
                yield new Hostile(kind, id, bytes);
            }
            case ENDLESS_VARINT -> {
                byte[] bytes = Arrays.copyOf(deposit, 10 + 11 + random.nextInt(20));
                Arrays.fill(bytes, 10, bytes.length, (byte) 0xFF);
                yield new Hostile(kind, id, bytes);
            }
            case TRAILING_BYTES -> {
                byte[] bytes = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(20));
                bytes[valid.length] = (byte) (1 + random.nextInt(255));
                yield new Hostile(kind, id, bytes);
            }
            case RANDOM_BYTES -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                yield new Hostile(kind, id, bytes);
            }
            case UNKNOWN_FINGERPRINT -> {
                byte[] bytes = valid.clone();
                for (int i = 2; i < 10; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
                yield new Hostile(kind, id, bytes);
            }
            case OVERSIZE -> new Hostile(kind, id,
                    Arrays.copyOf(deposit, LedgerCodec.MAX_MESSAGE_BYTES + 1 + random.nextInt(1000)));
            case NOT_A_COMMAND -> new Hostile(kind, id, random.nextBoolean()
                    ? codec.encode(Events.deposited(account, "fuzz-" + id, 5, "EUR", 5, null))
                    : codec.encode(CommandResult.newBuilder().setCommandId(id).setStatus(CommandStatus.SUCCEEDED)
                            .build()));
            case INVALID_VALUES -> new Hostile(kind, id, invalidCommand(account, id, random));
            case MISSING_COMMAND_ID -> new Hostile(kind, null, valid);
            case INVALID_COMMAND_ID -> new Hostile(kind,
                    List.of("", " ", "../x", "a".repeat(65), "-lead", "ü", "{\"$gt\":\"\"}").get(random.nextInt(7)),
                    valid);
        };
    }

    /** A valid command on the probe account that would change it, were it executed. */
    private byte[] randomCommand(String account, String id, Random random) {
        SpecificRecord command = switch (random.nextInt(4)) {
            case 0 -> DepositMoney.newBuilder().setAccountId(account).setTransactionId("fuzz-" + id)
                    .setAmount(1 + random.nextInt(1000)).setCurrency("EUR").setDescription("fuzz").build();
            case 1 -> Commands.withdraw(account, "fuzz-" + id, 1, "EUR");
            case 2 -> Commands.open("fuzz-" + id.substring(0, 8), "mallory", "EUR");
            default -> Commands.transfer("fuzz-" + id, account, "nowhere", 1, "EUR");
        };
        return codec.encode(command);
    }

    private byte[] invalidCommand(String account, String id, Random random) {
        DepositMoney.Builder deposit = DepositMoney.newBuilder().setAccountId(account).setTransactionId("fuzz-" + id)
                .setAmount(10).setCurrency("EUR");
        switch (random.nextInt(5)) {
            case 0 -> deposit.setAmount(-random.nextInt(1000));
            case 1 -> deposit.setAmount(1_000_000_000_000_001L + random.nextInt(1000));
            case 2 -> deposit.setCurrency(List.of("eur", "XXX", "", "€").get(random.nextInt(4)));
            case 3 -> deposit.setTransactionId("../" + id);
            default -> deposit.setDescription("x".repeat(141 + random.nextInt(500)));
        }
        return codec.encode(deposit.build());
    }

    /** The first {@code keep} bytes of {@code message} with a zig-zag varint of {@code value} at {@code offset}. */
    private static byte[] withVarintAt(byte[] message, int offset, long value, int keep) {
        byte[] bytes = Arrays.copyOf(message, Math.max(keep, offset + 10));
        long zigzag = value << 1;
        int at = offset;
        do {
            bytes[at++] = (byte) ((zigzag & 0x7F) | (zigzag > 0x7F ? 0x80 : 0));
            zigzag >>>= 7;
        } while (zigzag != 0);
        return Arrays.copyOf(bytes, Math.max(keep, at));
    }

    /** Every byte the intake's consumer threads ({@code ledger-commands-<n>-C-1}) allocated so far. */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] intake = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("ledger-commands-")).mapToLong(Thread::getId).toArray();
        assertThat(intake).isNotEmpty();
        return java.util.Arrays.stream(threads.getThreadAllocatedBytes(intake)).sum();
    }

    private void assertEveryConsumerRuns() {
        MessageListenerContainer intake = listeners.getListenerContainer("ledger-commands");
        assertThat(intake).isNotNull();
        assertThat(intake.isRunning()).isTrue();
        assertThat(((ConcurrentMessageListenerContainer<?, ?>) intake).getContainers())
                .allSatisfy(child -> assertThat(child.isRunning()).isTrue());
    }

    private void send(String key, String commandId, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(COMMAND_TOPIC, key, value);
        if (commandId != null) {
            record.headers().add(LedgerHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record);
    }

    private CommandResult awaitResult(String commandId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            pollResults();
            return seenResults.containsKey(commandId);
        });
        return seenResults.get(commandId);
    }

    private void pollResults() {
        for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(200))) {
            CommandResult result = codec.decode(record.value(), CommandResult.class);
            seenResults.putIfAbsent(result.getCommandId(), result);
        }
    }
}
