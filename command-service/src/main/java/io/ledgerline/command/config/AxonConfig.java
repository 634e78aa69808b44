package io.ledgerline.command.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ledgerline.command.ledger.CommandRefusedException;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.codec.LedgerCodec;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.message.SchemaStore;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DuplicateKeyException;

/**
 * Axon without Axon Server: JDBC event store, token store and saga store on PostgreSQL (tables owned by
 * Flyway), Avro for events (the contracts' schemas, every released version in the schema store), Jackson for
 * everything else, commands on a bounded worker pool with retries on append conflicts.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /** Correlation and causation ids travel from a command to the events it causes (Kafka headers). */
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    /** Every released schema version, so events written by any earlier release can be read back. */
    @Bean
    public SchemaStore ledgerSchemaStore() {
        SchemaStore.Cache store = new SchemaStore.Cache();
        LedgerCodec.contracts().knownWriterSchemas().forEach(store::addSchema);
        return store;
    }

    /**
     * The general serializer (snapshots, sagas, tokens, metadata) gets its own ObjectMapper: it reads fields, so
     * aggregates and sagas need no Jackson annotations, and it stays independent of the strict mapper of the web
     * layer.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * Aggregates stay in memory between commands while something still refers to them (Axon's weak-reference
     * cache), so a busy account is not rebuilt from its events for every command. Another instance's append makes a
     * cached aggregate stale; the next append then conflicts, the unit of work rolls back, Axon evicts the entry
     * and the gateway's retry loads the account afresh.
     */
    @Bean
    public Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    @Bean
    public SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter, LedgerProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshots().threshold());
    }

    @Bean
    public CorrelationDataProvider ledgerCorrelationData() {
        return new SimpleCorrelationDataProvider(CORRELATION_ID, CAUSATION_ID, LedgerHeaders.TRACEPARENT);
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 LedgerProperties properties) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .gapTimeout((int) properties.eventStore().gapTimeout().toMillis())
                .maxGapOffset(properties.eventStore().maxGapOffset())
                .build();
    }

    /**
     * Each command runs on a worker thread in a transaction of its own. The transfer saga waits for its commands
     * from inside an event handler; on the caller's thread they would join the saga's transaction, and a refused
     * debit would mark it rollback-only.
     */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService commandWorkers(LedgerProperties properties) {
        return Executors.newFixedThreadPool(properties.commands().workers(), new AxonThreadFactory("commands"));
    }

    @Bean
    @Qualifier("localSegment")
    public CommandBus commandBus(TransactionManager transactionManager, Configuration configuration,
                                 DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                 ExecutorService commandWorkers) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(commandWorkers)
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(configuration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(configuration.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        return bus;
    }

    @Bean(destroyMethod = "shutdown")
    public ScheduledExecutorService commandRetries() {
        return Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("command-retries"));
    }

    /**
     * Retries only what a retry can fix: two commands appending to one aggregate at once (another instance, or
     * an id consumed concurrently). Everything else, refusals included, answers at once.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetries,
                                         LedgerProperties properties) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(commandRetries)
                        .maxRetryCount(properties.commands().maxRetries())
                        .backoffFactor(properties.commands().retryBackoff().toMillis())
                        .nonTransientFailurePredicate(failure -> !isAppendConflict(failure))
                        .build())
                .build();
    }

    public static boolean isAppendConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CommandRefusedException) {
                return false;
            }
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException
                    || t instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }
}
