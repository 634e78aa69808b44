package io.ledgerline.local.tools;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.command.CommandResult;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;
import io.ledgerline.local.kafka.KafkaUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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

    /** The producer {@code args} send as: {@code --producer}, else {@value #PRODUCER}. */
    public static String producer(List<String> args) {
        return args.isEmpty() ? PRODUCER : options(args.subList(1, args.size())).getOrDefault("producer", PRODUCER);
    }

    /**
     * Sends the command described by {@code args} on its producer's topic and returns its result, rendered as
     * JSON; {@code client} holds that producer's Kafka settings (its credentials).
     */
    public static String send(List<String> args, Map<String, Object> client, Duration timeout) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("which command? " + USAGE);
        }
        Map<String, String> options = options(args.subList(1, args.size()));
        String producerName = producer(args);
        String commandId = options.getOrDefault("command-id", UUID.randomUUID().toString());
        String key;
        SpecificRecord command;
        switch (args.get(0)) {
            case "open" -> {
                key = required(options, "account");
                command = OpenAccount.newBuilder().setAccountId(key).setOwnerId(required(options, "owner"))
                        .setCurrency(required(options, "currency"))
                        .setOverdraftLimit(Long.parseLong(options.getOrDefault("overdraft", "0"))).build();
            }
            case "deposit", "withdraw" -> {
                key = required(options, "account");
                String tx = required(options, "transaction");
                long amount = Long.parseLong(required(options, "amount"));
                String currency = required(options, "currency");
                command = args.get(0).equals("deposit")
                        ? DepositMoney.newBuilder().setAccountId(key).setTransactionId(tx).setAmount(amount)
                                .setCurrency(currency).setDescription(options.get("description")).build()
                        : WithdrawMoney.newBuilder().setAccountId(key).setTransactionId(tx).setAmount(amount)
                                .setCurrency(currency).setDescription(options.get("description")).build();
            }
            case "transfer" -> {
                key = required(options, "transfer");
                command = RequestTransfer.newBuilder().setTransferId(key)
                        .setSourceAccountId(required(options, "from")).setDestinationAccountId(required(options, "to"))
                        .setAmount(Long.parseLong(required(options, "amount")))
                        .setCurrency(required(options, "currency")).setDescription(options.get("description")).build();
            }
            default -> throw new IllegalArgumentException("unknown command " + args.get(0) + "; " + USAGE);
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

    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!name.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value, got " + name);
            }
            options.put(name.substring(2), args.get(++i));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
