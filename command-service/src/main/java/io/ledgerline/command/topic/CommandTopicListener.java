package io.ledgerline.command.topic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerline.command.intake.CommandAdmission;
import io.ledgerline.command.intake.CommandDispatcher;
import io.ledgerline.command.intake.CommandProducers;
import io.ledgerline.command.intake.CommandStatuses;
import io.ledgerline.command.intake.CommandStatuses.CommandStatus;
import io.ledgerline.command.intake.CommandStatuses.Status;
import io.ledgerline.command.intake.Failures;
import io.ledgerline.command.intake.IntakeProperties;
import io.ledgerline.command.ledger.AggregateCommand;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.CommandAnswer;
import io.ledgerline.command.ledger.CommandType;
import io.ledgerline.command.web.Problems;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.codec.MalformedMessageException;
import io.ledgerline.contracts.codec.UnknownSchemaException;
import io.ledgerline.contracts.command.CommandOutcome;
import io.ledgerline.contracts.command.CommandResult;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Executes command messages from the producers' topics ({@code ledger.commands.v1.<producer>}, see
 * {@link CommandProducers}) with the rights of the producer whose topic it is, and publishes exactly one
 * {@code CommandResult} per command id (at least once) to that producer's
 * {@code ledger.command-results.v1.<producer>}. Command ids are scoped per producer: two producers may use the
 * same id, and each gets its own result. A redelivered command executes nothing: its stored result is published
 * again. A valid message its producer may not send is answered REJECTED {@code forbidden}, like an HTTP 403. An
 * undecodable or invalid message is answered REJECTED (when it has a command id) and then dead-lettered
 * ({@link KafkaIntakeConfig#commandDeadLetters}), and its offset is committed like any other, so it never blocks
 * its partition. A command waits for room in the instance's bound ({@link CommandAdmission}) before anything is
 * recorded for it, so a full instance stops fetching its partitions instead of queueing without limit.
 */
@Component
@Conditional(CommandProducers.Configured.class)
class CommandTopicListener {

    static final String KAFKA_CHANNEL = "kafka";

    private final CommandDispatcher dispatcher;
    private final CommandStatuses statuses;
    private final KafkaTemplate<String, byte[]> kafka;
    private final IntakeProperties properties;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final CommandAdmission admission;
    private final CommandProducers producers;
    private final Validator validator;
    private final ObjectMapper objectMapper;
    private final LedgerCodec codec = LedgerCodec.contracts();

    CommandTopicListener(CommandDispatcher dispatcher, CommandStatuses statuses, KafkaTemplate<String, byte[]> kafka,
                         IntakeProperties properties, DeadLetterPublishingRecoverer commandDeadLetters,
                         CommandAdmission admission, CommandProducers producers, Validator validator,
                         ObjectMapper objectMapper) {
        this.validator = validator;
        this.objectMapper = objectMapper;
        this.dispatcher = dispatcher;
        this.admission = admission;
        this.deadLetters = commandDeadLetters;
        this.statuses = statuses;
        this.kafka = kafka;
        this.properties = properties;
        this.producers = producers;
    }

    @KafkaListener(id = "ledger-commands", topics = "#{@commandProducers.commandTopics()}",
            containerFactory = "commandListenerFactory")
    void on(ConsumerRecord<String, byte[]> record, Consumer<?, ?> consumer) throws Exception {
        try {
            handle(producers.ofTopic(record.topic()), record);
        } catch (InvalidCommandException invalid) {
            deadLetters.accept(record, consumer, invalid);
        }
    }

    private void handle(CommandProducers.Producer producer, ConsumerRecord<String, byte[]> record)
            throws Exception {
        String commandId = header(record, LedgerHeaders.COMMAND_ID);
        if (!LedgerLimits.isValidId(commandId)) {
            throw new InvalidCommandException(Problems.VALIDATION_FAILED,
                    "missing or invalid " + LedgerHeaders.COMMAND_ID + " header");
        }
        String correlationId = header(record, LedgerHeaders.CORRELATION_ID);
        MDC.put("correlationId", LedgerLimits.isValidId(correlationId) ? correlationId : commandId);
        try {
            CommandStatus known = statuses.find(producer.submitter(), commandId).orElse(null);
            if (known != null && known.isFinal()) {
                publish(producer, known);
                return;
            }
            execute(producer, commandId, record, MDC.get("correlationId"));
        } finally {
            MDC.remove("correlationId");
        }
    }

    private void execute(CommandProducers.Producer producer, String commandId, ConsumerRecord<String, byte[]> record,
                         String correlationId) throws Exception {
        SpecificRecord decoded;
        try {
            decoded = codec.decode(record.value());
        } catch (MalformedMessageException | UnknownSchemaException undecodable) {
            throw reject(producer, commandId, null, new InvalidCommandException("malformed-command",
                    "the message is not a command this service can decode"));
        }
        CommandType type = CommandMessages.typeOf(decoded);
        AggregateCommand<? extends CommandAnswer> command;
        try {
            Caller caller = CommandMessages.callerFor(producer, decoded).orElse(null);
            if (caller == null) {
                // a valid message its producer has no right to send: refused like an HTTP 403, not dead-lettered
                refuse(producer, commandId, type, CommandMessages.FORBIDDEN,
                        "producer " + producer.name() + " may not send " + decoded.getSchema().getName());
                return;
            }
            command = CommandMessages.toDomain(decoded, caller, validator);
        } catch (InvalidCommandException invalid) {
            throw reject(producer, commandId, type, invalid);
        }
        if (!admission.admitWithin(properties.topicAdmissionWait())) {
            // still full: the container retries this record with backoff; nothing was recorded for it yet
            throw new IllegalStateException("no room for command " + commandId + " after "
                    + properties.topicAdmissionWait());
        }
        CompletableFuture<? extends CommandAnswer> sent;
        try {
            statuses.createPending(commandId, producer.submitter(), KAFKA_CHANNEL, type);
            CommandDispatcher.Actor actor =
                    new CommandDispatcher.Actor(producer.submitter(), producer.roles(), KAFKA_CHANNEL);
            sent = admission.releasedWhenDone(dispatcher.send(command, commandId, correlationId, actor, true));
        } catch (RuntimeException | Error notSent) {
            admission.release();
            throw notSent;
        }
        try {
            sent.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failure) {
            Failures.Classified ended = Failures.classify(failure);
            if (ended.status() != Status.REJECTED) {
                throw failure; // technical: the container retries the record with backoff
            }
            statuses.ended(producer.submitter(), commandId, ended.status(), ended.code(), ended.detail());
        }
        publish(producer, statuses.find(producer.submitter(), commandId).orElseThrow());
    }

    /** Answers an invalid message REJECTED; the caller throws what this returns, which dead-letters it. */
    private InvalidCommandException reject(CommandProducers.Producer producer, String commandId, CommandType type,
                                           InvalidCommandException invalid) throws Exception {
        refuse(producer, commandId, type, invalid.code(), invalid.getMessage());
        return invalid;
    }

    private void refuse(CommandProducers.Producer producer, String commandId, CommandType type, String code,
                        String detail) throws Exception {
        statuses.createPending(commandId, producer.submitter(), KAFKA_CHANNEL, type);
        statuses.ended(producer.submitter(), commandId, Status.REJECTED, code, detail);
        publish(producer, statuses.find(producer.submitter(), commandId).orElseThrow());
    }

    private void publish(CommandProducers.Producer producer, CommandStatus status) throws Exception {
        CommandResult result = CommandResult.newBuilder()
                .setCommandId(status.commandId())
                .setCommandType(status.commandType() == null ? null : status.commandType().contractName())
                .setStatus(io.ledgerline.contracts.command.CommandStatus.valueOf(status.status().name()))
                .setCode(status.code())
                .setDetail(status.detail())
                .setOutcome(status.result() == null ? null
                        : objectMapper.treeToValue(status.result(), StoredAnswer.class).toOutcome())
                .build();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(producer.resultTopic(), status.commandId(), codec.encode(result));
        record.headers().add(LedgerHeaders.COMMAND_ID, status.commandId().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A succeeded command's answer body as its status row keeps it (the JSON of an {@code AccountBody},
     * {@code MoneyBody} or {@code TransferBody}: rows written by every earlier version have the same members),
     * bound by type; a {@code CommandResult}'s outcome has the same members as those bodies.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredAnswer(String accountId, String transactionId, String transferId, String status, Long version,
                        Long balance) {

        CommandOutcome toOutcome() {
            return CommandOutcome.newBuilder()
                    .setAccountId(accountId)
                    .setTransactionId(transactionId)
                    .setTransferId(transferId)
                    .setTransferStatus(transferId == null ? null : status)
                    .setVersion(version)
                    .setBalance(balance)
                    .build();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
