package io.ledgerline.command.batch;

import io.ledgerline.command.ledger.CommandFailure;
import io.ledgerline.command.ledger.CommandRefusedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.monitoring.MessageMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit on Axon's command bus: commands that arrive together are decided together and stored in one
 * PostgreSQL transaction, so a burst of N commands costs one commit (one fsync) instead of N.
 *
 * <p>What it guarantees, and how:
 * <ul>
 *   <li><b>No timer.</b> One thread takes the first waiting command and everything that queued behind it (up to
 *       {@code maxBatch}); while a batch commits, the next one forms. An idle system answers a lone command at
 *       once.</li>
 *   <li><b>Decide in memory, write once.</b> The batch is one Axon {@link BatchingUnitOfWork} with one
 *       transaction. Before any command runs, every {@link BatchPrefetch} reads what the batch will look up (the
 *       touched aggregates' last sequence numbers, the operation-log keys) in one query each. Handlers then
 *       decide against memory; their events and their operation-log rows are queued in the unit of work and
 *       written at prepare-commit in multi-row inserts (pgjdbc's {@code reWriteBatchedInserts}).</li>
 *   <li><b>Each command keeps its own outcome.</b> A refusal ({@link CommandFailure.Refused}: a
 *       {@link CommandRefusedException}, a missing aggregate) is that command's answer and does not roll the
 *       batch back: handlers refuse before they apply anything, so a refused command leaves nothing behind. No
 *       savepoints.</li>
 *   <li><b>Arrival order on one aggregate.</b> Commands run in the order they were queued; two commands on one
 *       account load it once and apply to the same instance, the second seeing the first's events.</li>
 *   <li><b>A failed batch is retried command by command.</b> Any other failure (a unique violation from another
 *       instance's append, a lost connection, a bug in one handler) rolls the whole batch back, evicts its
 *       aggregates from the cache and runs each command again alone, each in its own unit of work and
 *       transaction, exactly as Axon's {@link SimpleCommandBus} would. A conflict there goes back to the
 *       gateway's retry; nothing is applied twice, because every command is idempotent by its ids.</li>
 *   <li><b>Answers only after commit.</b> Callbacks (and so HTTP responses and command results) run after the
 *       batch's transaction committed, or with the outcome of the command's own retry.</li>
 * </ul>
 */
public class GroupCommitCommandBus extends SimpleCommandBus {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    /** Refusals are a command's answer, not a reason to undo its neighbours' work. */
    private static final RollbackConfiguration ROLL_BACK_ON_FAILURES_NOT_REFUSALS =
            failure -> !CommandFailure.isRefusal(failure);

    private record Pending(CommandMessage<?> command, MessageHandler<? super CommandMessage<?>> handler,
                           CommandCallback<Object, Object> callback) {
    }

    private final TransactionManager transactionManager;
    private final List<BatchPrefetch> prefetches;
    private final int maxBatch;
    private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> interceptors =
            new CopyOnWriteArrayList<>();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final DistributionSummary batchSizes;
    private final Counter batchesRunOneByOne;
    private volatile boolean running = true;

    public GroupCommitCommandBus(TransactionManager transactionManager,
                                 MessageMonitor<? super CommandMessage<?>> messageMonitor,
                                 CommandBusSpanFactory spanFactory,
                                 DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                 List<BatchPrefetch> prefetches, int maxBatch, MeterRegistry meters) {
        super(SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .messageMonitor(messageMonitor)
                .spanFactory(spanFactory)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver));
        this.transactionManager = transactionManager;
        this.prefetches = List.copyOf(prefetches);
        this.maxBatch = maxBatch;
        this.batchSizes = DistributionSummary.builder("ledger.commands.batch.size")
                .description("commands per group commit").register(meters);
        this.batchesRunOneByOne = Counter.builder("ledger.commands.batch.retried")
                .description("group commits that failed and whose commands ran one by one").register(meters);
        Gauge.builder("ledger.commands.queued", queue, BlockingQueue::size)
                .description("commands waiting for the next group commit").register(meters);
        this.committer = new Thread(this::run, "group-commit");
        this.committer.setDaemon(true);
        this.committer.start();
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        Registration registration = super.registerHandlerInterceptor(handlerInterceptor);
        interceptors.add(handlerInterceptor);
        return () -> registration.cancel() & interceptors.remove(handlerInterceptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        if (!running) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                    new IllegalStateException("the command bus is shutting down")));
            return;
        }
        queue.add(new Pending(command, handler, (CommandCallback<Object, Object>) callback));
    }

    /** The commands waiting for the next batch, oldest first (for inspection and tests). */
    public List<CommandMessage<?>> queuedCommands() {
        return queue.stream().<CommandMessage<?>>map(Pending::command).toList();
    }

    /** Stops taking commands, finishes those already queued. */
    public void shutdown() throws InterruptedException {
        running = false;
        committer.join(TimeUnit.SECONDS.toMillis(30));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // commit() answers every command itself; this is a bug in the bus, so keep going but say so
                log.error("group commit failed unexpectedly", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        batchSizes.record(batch.size());
        BatchingUnitOfWork<CommandMessage<?>> unitOfWork =
                new BatchingUnitOfWork<>(batch.stream().<CommandMessage<?>>map(Pending::command).toList());
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        int[] next = {0};
        try {
            unitOfWork.start();
            unitOfWork.attachTransaction(transactionManager);
            List<CommandMessage<?>> commands = unitOfWork.getMessages().stream()
                    .<CommandMessage<?>>map(message -> message).toList();
            for (BatchPrefetch prefetch : prefetches) {
                prefetch.prefetch(commands, unitOfWork);
            }
        } catch (RuntimeException | Error failure) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(failure);
            }
            log.warn("could not prepare a batch of {} commands ({}); running them one by one", batch.size(),
                    failure.toString());
            oneByOne(batch);
            return;
        }
        unitOfWork.executeWithResult(() -> {
            int slot = next[0]++;
            Pending pending = batch.get(slot);
            if (unitOfWork.getMessage() != pending.command()) {
                throw new IllegalStateException("the batch ran its commands out of order");
            }
            try {
                Object result = new DefaultInterceptorChain<>(unitOfWork, interceptors, pending.handler()).proceed();
                results[slot] = result;
                return result;
            } catch (Exception | Error failure) {
                failures[slot] = failure;
                throw failure;
            }
        }, ROLL_BACK_ON_FAILURES_NOT_REFUSALS);
        if (unitOfWork.isRolledBack()) {
            log.debug("a batch of {} commands rolled back; running them one by one", batch.size());
            oneByOne(batch);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            pending.callback().onResult(pending.command(),
                    failures[i] != null ? GenericCommandResultMessage.asCommandResultMessage(failures[i])
                            : resultMessage(results[i]));
        }
    }

    private void oneByOne(List<Pending> batch) {
        batchesRunOneByOne.increment();
        for (Pending pending : batch) {
            try {
                super.handle(pending.command(), pending.handler(), pending.callback());
            } catch (RuntimeException | Error failure) {
                pending.callback().onResult(pending.command(),
                        GenericCommandResultMessage.asCommandResultMessage(failure));
            }
        }
    }

    private static CommandResultMessage<Object> resultMessage(Object result) {
        return result instanceof Message<?> ? GenericCommandResultMessage.asCommandResultMessage(result)
                : new GenericCommandResultMessage<>(result);
    }

}
