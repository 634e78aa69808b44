package io.ledgerline.local.tools;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.command.CommandResult;
import io.ledgerline.testkit.cli.Cli;
import io.ledgerline.testkit.events.Commands;
import io.ledgerline.testkit.kafka.KafkaUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;

/**
 * A command producer, as a downstream team would write one: an Avro command record from {@code contracts},
 * single-object encoded, keyed by the target aggregate, with a {@code ledger-command-id} header, on the producer's
 * own {@code ledger.commands.v1.<producer>}; then it waits for the one {@code CommandResult} with that id on its
 * {@code ledger.command-results.v1.<producer>}. It authenticates as that producer (its client settings).
 *
 * <pre>
 * send-command open     --account ID --owner ID --currency EUR [--overdraft N]
 * send-command deposit  --account ID --transaction ID --amount N --currency EUR [--description TEXT]
 * send-command withdraw --account ID --transaction ID --amount N --currency EUR [--description TEXT]
 * send-command transfer --transfer ID --from ID --to ID --amount N --currency EUR [--description TEXT]
 * (each also takes --command-id ID, default a new UUID, and --producer NAME, default ledger-cli)
 * </pre>
 */
public final class CommandSender {

    /** The local stack's producer it sends as (service role): its topics, its consumer groups. */
    public static final String PRODUCER = "ledger-cli";

    public static final String USAGE = """
            send-command open     --account ID --owner ID --currency CUR [--overdraft N]
            send-command deposit  --account ID --transaction ID --amount N --currency CUR [--description TEXT]
            send-command withdraw --account ID --transaction ID --amount N --currency CUR [--description TEXT]
            send-command transfer --transfer ID --from ID --to ID --amount N --currency CUR [--description TEXT]
              each also takes --command-id ID (default: a new UUID) and --producer NAME (default: ledger-cli, the
              local producer with the service role); prints the CommandResult""";

    private CommandSender() {
    }

    /** {@code send-command <kind> --name value ...}, as picocli reads it. */
    @CommandLine.Command(name = "send-command")
    static final class Spec {
        @CommandLine.Parameters(index = "0", arity = "0..1")
        String kind;
        @CommandLine.Option(names = "--account")
        String account;
        @CommandLine.Option(names = "--owner")
        String owner;
        @CommandLine.Option(names = "--currency")
        String currency;
        @CommandLine.Option(names = "--overdraft")
        long overdraft;
        @CommandLine.Option(names = "--transaction")
        String transaction;
        @CommandLine.Option(names = "--amount")
        Long amount;
        @CommandLine.Option(names = "--description")
        String description;
        @CommandLine.Option(names = "--transfer")
        String transfer;
        @CommandLine.Option(names = "--from")
        String from;
        @CommandLine.Option(names = "--to")
        String to;
        @CommandLine.Option(names = "--command-id")
        String commandId = UUID.randomUUID().toString();
        @CommandLine.Option(names = "--producer")
        String producer = PRODUCER;

        static Spec parse(List<String> args) {
            Spec spec = new Spec();
            Cli.parse(spec, args);
            return spec;
        }
    }

    /** The producer {@code args} send as: {@code --producer}, else {@value #PRODUCER}. */
    public static String producer(List<String> args) {
        return Spec.parse(args).producer;
    }

    /**
     * Sends the command described by {@code args} on its producer's topic and returns its result, rendered as
     * JSON; {@code client} holds that producer's Kafka settings (its credentials).
     */
    public static String send(List<String> args, Map<String, Object> client, Duration timeout) {
        Spec spec = Spec.parse(args);
        if (spec.kind == null) {
            throw new IllegalArgumentException("which command? " + USAGE);
        }
        String producerName = spec.producer;
        String commandId = spec.commandId;
        String key;
        SpecificRecord command;
        switch (spec.kind) {
            case "open" -> {
                key = required("account", spec.account);
                command = Commands.open(key, required("owner", spec.owner), required("currency", spec.currency),
                        spec.overdraft);
            }
            case "deposit", "withdraw" -> {
                key = required("account", spec.account);
                String tx = required("transaction", spec.transaction);
                long amount = required("amount", spec.amount);
                String currency = required("currency", spec.currency);
                command = spec.kind.equals("deposit")
                        ? Commands.deposit(key, tx, amount, currency, spec.description)
                        : Commands.withdraw(key, tx, amount, currency, spec.description);
            }
            case "transfer" -> {
                key = required("transfer", spec.transfer);
                command = Commands.transfer(key, required("from", spec.from), required("to", spec.to),
                        required("amount", spec.amount), required("currency", spec.currency), spec.description);
            }
            default -> throw new IllegalArgumentException("unknown command " + spec.kind + "; " + USAGE);
        }
        LedgerCodec codec = LedgerCodec.contracts();
        try (KafkaConsumer<String, byte[]> results = resultsConsumer(client, producerName);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaUsers.config(client,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                     new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(Topics.commands(producerName), key, codec.encode(command));
            record.headers().add(LedgerHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> result : results.poll(Duration.ofMillis(250))) {
                    if (commandId.equals(result.key())) {
                        return codec.decode(result.value(), CommandResult.class).toString();
                    }
                }
            }
            throw new IllegalStateException("no result for command " + commandId + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot send the command: " + e.getCause().getMessage(), e);
        }
    }

    /** Subscribed and positioned at the end before the command is sent, so its result cannot be missed. */
    private static KafkaConsumer<String, byte[]> resultsConsumer(Map<String, Object> client, String producer) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaUsers.config(client,
                ConsumerConfig.GROUP_ID_CONFIG, producer + "-send-command-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.commandResults(producer)));
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(partition -> consumer.position(partition));
        return consumer;
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
