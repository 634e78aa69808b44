package io.ledgerline.prove.workload;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.command.CommandResult;
import io.ledgerline.contracts.command.CommandStatus;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;
import io.ledgerline.local.LocalStackConfig;
import io.ledgerline.testkit.kafka.KafkaUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The command topic as a producer team would use it: an Avro command with a {@code ledger-command-id} header,
 * then the one {@code CommandResult} with that id on {@code ledger.command-results.v1} (read by one consumer thread
 * for every caller). No result within the timeout is an unknown outcome.
 */
public final class KafkaCommands implements AutoCloseable {

    private final LedgerCodec codec = LedgerCodec.contracts();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> results;
    private final Map<String, CompletableFuture<CommandResult>> waiting = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final Thread reader;
    private volatile boolean closing;

    public KafkaCommands(Map<String, Object> bootstrapServers, Duration timeout) {
        this.timeout = timeout;
        this.producer = new KafkaProducer<>(KafkaUsers.config(bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                new StringSerializer(), new ByteArraySerializer());
        this.results = new KafkaConsumer<>(KafkaUsers.config(bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        // Assigned (no group) and positioned at the end before any command is sent, so no result can be missed.
        List<TopicPartition> partitions = results.partitionsFor(Topics.commandResults(LocalStackConfig.LOAD_PRODUCER), Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        results.assign(partitions);
        results.seekToEnd(partitions);
        partitions.forEach(results::position);
        this.reader = new Thread(this::readResults, "prove-command-results");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends the command and returns at once; {@code done} gets the attempt when the result arrives, when the send
     * fails, or when no result came within the timeout. A command id already waiting shares that wait.
     */
    public void submit(Operation op, String commandId, Consumer<Attempt> done) {
        long start = System.nanoTime();
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        CompletableFuture<CommandResult> waiter = waiting.putIfAbsent(commandId, result);
        CompletableFuture<CommandResult> awaited = waiter == null ? result : waiter;
        awaited.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((answer, failure) -> {
            waiting.remove(commandId, awaited);
            done.accept(failure == null ? attempt(start, answer) : failed(start, failure));
        });
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.commands(LocalStackConfig.LOAD_PRODUCER), op.accountId(),
                codec.encode(command(op)));
        record.headers().add(LedgerHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    awaited.completeExceptionally(new SendFailed(error));
                }
            });
        } catch (RuntimeException e) {
            awaited.completeExceptionally(new SendFailed(e));
        }
    }

    /** The broker did not acknowledge the command: it may still have been written, and be processed later. */
    private static final class SendFailed extends RuntimeException {
        SendFailed(Throwable cause) {
            super(cause);
        }
    }

    private static Attempt attempt(long start, CommandResult answer) {
        long end = System.nanoTime();
        CommandStatus status = answer.getStatus();
        if (status == CommandStatus.SUCCEEDED) {
            long version = answer.getOutcome() == null || answer.getOutcome().getVersion() == null ? 0
                    : answer.getOutcome().getVersion();
            return new Attempt(start, end, Outcome.OK, 0, "SUCCEEDED", version);
        }
        Outcome outcome = status == CommandStatus.REJECTED ? Outcome.REJECTED : Outcome.UNKNOWN;
        return new Attempt(start, end, outcome, 0, status + (answer.getCode() == null ? "" : " " + answer.getCode()),
                0);
    }

    private static Attempt failed(long start, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        String code = cause instanceof SendFailed sent ? "send-" + sent.getCause().getClass().getSimpleName()
                : cause instanceof TimeoutException ? "no-result" : cause.getClass().getSimpleName();
        return new Attempt(start, System.nanoTime(), Outcome.UNKNOWN, 0, code, 0);
    }

    private SpecificRecord command(Operation op) {
        return switch (op.kind()) {
            case DEPOSIT -> DepositMoney.newBuilder().setAccountId(op.accountId()).setTransactionId(op.referenceId())
                    .setAmount(op.amount()).setCurrency(op.currency()).build();
            case WITHDRAW -> WithdrawMoney.newBuilder().setAccountId(op.accountId())
                    .setTransactionId(op.referenceId()).setAmount(op.amount()).setCurrency(op.currency()).build();
            case TRANSFER -> RequestTransfer.newBuilder().setTransferId(op.referenceId())
                    .setSourceAccountId(op.accountId()).setDestinationAccountId(op.counterpartyId())
                    .setAmount(op.amount()).setCurrency(op.currency()).build();
            case OPEN -> throw new IllegalArgumentException("accounts are opened over HTTP");
        };
    }

    private void readResults() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(200))) {
                    CompletableFuture<CommandResult> future = record.key() == null ? null : waiting.get(record.key());
                    if (future != null) {
                        try {
                            future.complete(codec.decode(record.value(), CommandResult.class));
                        } catch (RuntimeException undecodable) {
                            future.completeExceptionally(undecodable);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    @Override
    public void close() {
        closing = true;
        results.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        results.close(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(5));
    }
}
