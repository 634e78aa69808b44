package io.ledgerline.command.intake;

import io.ledgerline.command.ledger.CommandAnswer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Marks a tracked command SUCCEEDED inside its own unit of work, in the transaction that appends its events.
 * Only commands sent asynchronously carry {@link #TRACKED_COMMAND_ID}. Axon's {@code InterceptorAutoConfiguration}
 * registers it on the command bus, as every handler-interceptor bean.
 */
@Component
class CommandStatusInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String TRACKED_COMMAND_ID = "trackedCommandId";
    /** The submitter that scopes the tracked command id. */
    static final String TRACKED_SUBMITTER = "trackedSubmitter";

    private final CommandStatuses statuses;

    CommandStatusInterceptor(CommandStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object outcome = chain.proceed();
        Object commandId = unitOfWork.getMessage().getMetaData().get(TRACKED_COMMAND_ID);
        Object submitter = unitOfWork.getMessage().getMetaData().get(TRACKED_SUBMITTER);
        if (commandId instanceof String id && submitter instanceof String by) {
            statuses.succeeded(by, id, bodyOf(outcome));
        }
        return outcome;
    }

    private static Record bodyOf(Object outcome) {
        if (outcome instanceof CommandAnswer answer) {
            return answer.body();
        }
        throw new IllegalStateException("a tracked command answered " + outcome + ", not a CommandAnswer");
    }
}
