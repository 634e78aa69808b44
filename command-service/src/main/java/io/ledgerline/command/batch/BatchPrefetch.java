package io.ledgerline.command.batch;

import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Reads ahead, in one query, what a batch of commands will look up, and keeps it as a resource of the batch's
 * unit of work. A store that prefetches answers from that resource while the batch runs, and falls back to its
 * own query for anything it did not read ahead (and when no batch is running).
 */
public interface BatchPrefetch {

    void prefetch(List<CommandMessage<?>> commands, UnitOfWork<?> batch);
}
