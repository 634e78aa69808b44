package io.ledgerline.command.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ledgerline.command.account.Account;
import io.ledgerline.command.batch.BatchPrefetch;
import io.ledgerline.command.batch.BoundedAggregateCache;
import io.ledgerline.command.batch.CommandTargets;
import io.ledgerline.command.batch.CurrentStateRepository;
import io.ledgerline.command.batch.GroupCommitCommandBus;
import io.ledgerline.command.batch.StoredSequences;
import io.ledgerline.command.ledger.CommandFailure;
import io.ledgerline.command.ledger.MetaDataKeys;
import io.ledgerline.command.transfer.Transfer;
import io.ledgerline.contracts.LedgerHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.ledgerline.contracts.codec.LedgerCodec;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.message.SchemaStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Axon without Axon Server: JDBC event store and token store on PostgreSQL (tables owned by
 * Flyway), Avro for events (the contracts' schemas, every released version in the schema store), Jackson for
 * everything else, commands in group commits with retries on append conflicts.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /** Every released schema version, so events written by any earlier release can be read back. */
    @Bean
    public SchemaStore ledgerSchemaStore() {
        SchemaStore.Cache store = new SchemaStore.Cache();
        LedgerCodec.contracts().knownWriterSchemas().forEach(store::addSchema);
        return store;
    }

    /**
     * The general serializer (snapshots, tokens, metadata) gets its own ObjectMapper: it reads fields, so
     * aggregates need no Jackson annotations, and it stays independent of the strict mapper of the web layer.
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

    /** The aggregates' target resolver (named in their {@code @Aggregate}): the command names its aggregate. */
    @Bean
    public CommandTargetResolver commandTargetResolver() {
        return CommandTargets.INSTANCE;
    }

    /**
     * Aggregates stay in memory between commands, bounded and strongly held (a GC does not empty the cache). A
     * cached copy is used only while it is current: {@link CurrentStateRepository} checks it against the store's
     * last sequence number, so another instance's append can never make a command decide on stale state.
     */
    @Bean
    public Cache aggregateCache(LedgerProperties properties) {
        return new BoundedAggregateCache(properties.commands().cacheSize());
    }

    @Bean
    public Repository<Account> accountRepository(EventStore eventStore, Cache aggregateCache,
                                                 SnapshotTriggerDefinition accountSnapshotTrigger,
                                                 ParameterResolverFactory parameterResolverFactory,
                                                 HandlerDefinition handlerDefinition,
                                                 StoredSequences storedSequences) {
        return new CurrentStateRepository<>(EventSourcingRepository.builder(Account.class)
                .eventStore(eventStore)
                .snapshotTriggerDefinition(accountSnapshotTrigger)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition), aggregateCache, storedSequences);
    }

    @Bean
    public Repository<Transfer> transferRepository(EventStore eventStore, Cache aggregateCache,
                                                   ParameterResolverFactory parameterResolverFactory,
                                                   HandlerDefinition handlerDefinition,
                                                   StoredSequences storedSequences) {
        return new CurrentStateRepository<>(EventSourcingRepository.builder(Transfer.class)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition), aggregateCache, storedSequences);
    }

    /**
     * Snapshots are taken on a thread of their own after the command's commit, never on the command path. A
     * snapshot lost to a shutdown costs nothing: the next trigger takes it.
     */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore,
                                                           TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "snapshots");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    public SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter, LedgerProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshots().threshold());
    }

    @Bean
    public CorrelationDataProvider ledgerCorrelationData() {
        // copied from a command into its events, and from an event into the commands the transfer process sends
        // for it, so a transfer's steps are recorded as caused by whoever requested the transfer
        return new SimpleCorrelationDataProvider(MetaDataKeys.CORRELATION_ID, MetaDataKeys.CAUSATION_ID,
                LedgerHeaders.TRACEPARENT, MetaDataKeys.PRINCIPAL, MetaDataKeys.PRINCIPAL_ROLES, MetaDataKeys.CHANNEL);
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
     * Group commit: commands that arrive together are decided together and stored in one transaction (see
     * {@link GroupCommitCommandBus}). They run on the bus's own thread, never on the sender's: the transfer
     * process's steps would otherwise join the transaction of its batch of events.
     */
    @Bean(destroyMethod = "shutdown")
    @Qualifier("localSegment")
    public GroupCommitCommandBus commandBus(TransactionManager transactionManager, Configuration configuration,
                                           DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                           List<BatchPrefetch> prefetches, LedgerProperties properties,
                                           MeterRegistry meters) {
        GroupCommitCommandBus bus = new GroupCommitCommandBus(transactionManager,
                configuration.messageMonitor(CommandBus.class, "commandBus"),
                configuration.getComponent(CommandBusSpanFactory.class), duplicateCommandHandlerResolver,
                prefetches, properties.commands().maxBatch(), meters);
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        return bus;
    }

    @Bean(destroyMethod = "shutdown")
    public ScheduledExecutorService commandRetries() {
        return Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("command-retries"));
    }

    /**
     * The scheduler of the {@code @Scheduled} housekeeping (intake sweeps, following a re-publication's pause).
     * Without a bean of its own, Spring would run them on {@link #commandRetries()}, the only scheduled executor
     * here, and a sweep or a publisher's shutdown would hold up command retries.
     */
    @Bean
    public ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("housekeeping-");
        return scheduler;
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
                        .nonTransientFailurePredicate(failure -> !CommandFailure.isConflict(failure))
                        .build())
                .build();
    }
}
