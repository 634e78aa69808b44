package io.ledgerline.command.intake;

import io.ledgerline.command.config.AxonConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.springframework.stereotype.Component;

/**
 * Sends commands with the ids that follow them into their events: the command id (message id and causation id)
 * and the correlation id of the request or message that brought them.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway gateway;

    CommandDispatcher(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @param tracked whether the command's status is recorded (asynchronous HTTP commands, command-topic messages)
     */
    public CompletableFuture<Object> send(Object command, String commandId, String correlationId, boolean tracked) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AxonConfig.CORRELATION_ID, correlationId);
        metaData.put(AxonConfig.CAUSATION_ID, commandId);
        if (tracked) {
            metaData.put(CommandStatusInterceptor.TRACKED_COMMAND_ID, commandId);
        }
        GenericCommandMessage<Object> message = new GenericCommandMessage<>(
                new GenericMessage<>(commandId, command, metaData), command.getClass().getName());
        return gateway.send(message);
    }
}
