package io.ledgerline.command.intake;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Marks a tracked command SUCCEEDED inside its own unit of work, in the transaction that appends its events.
 * Only commands sent asynchronously carry {@link #TRACKED_COMMAND_ID}.
 */
@Component
class CommandStatusInterceptor implements MessageHandlerInterceptor<CommandMessage<?>>, InitializingBean {

    static final String TRACKED_COMMAND_ID = "trackedCommandId";

    private final CommandBus commandBus;
    private final CommandStatuses statuses;

    CommandStatusInterceptor(CommandBus commandBus, CommandStatuses statuses) {
        this.commandBus = commandBus;
        this.statuses = statuses;
    }

    @Override
    public void afterPropertiesSet() {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object outcome = chain.proceed();
        Object commandId = unitOfWork.getMessage().getMetaData().get(TRACKED_COMMAND_ID);
        if (commandId instanceof String id) {
            statuses.succeeded(id, Outcomes.body(outcome));
        }
        return outcome;
    }
}
