package io.ledgerline.command.intake;

import io.ledgerline.command.ledger.AggregateCommand;
import io.ledgerline.command.ledger.MetaDataKeys;
import io.ledgerline.contracts.LedgerHeaders;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.springframework.stereotype.Component;

/**
 * Sends commands with the ids that follow them into their events: the command id (message id and causation id),
 * the correlation id of the request or message that brought them, who sent it (principal, roles, channel: the
 * audit trail), and its W3C trace context ({@code traceparent} of the current span: the HTTP request's or the
 * command message's), which the publisher puts on the events.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway gateway;
    private final Tracer tracer;
    private final Propagator propagator;

    CommandDispatcher(CommandGateway gateway, Tracer tracer, Propagator propagator) {
        this.gateway = gateway;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Who sends a command: recorded in the metadata of every event it causes, and in their Kafka headers. The
     * principal is also the submitter that scopes a tracked command's id.
     */
    public record Actor(String principal, String roles, String channel) {
    }

    /**
     * @param tracked whether the command's status is recorded (asynchronous HTTP commands, command-topic messages)
     * @return the handler's answer, of the type the command declares
     */
    public <A> CompletableFuture<A> send(AggregateCommand<A> command, String commandId, String correlationId,
                                         Actor actor, boolean tracked) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(MetaDataKeys.CORRELATION_ID, correlationId);
        metaData.put(MetaDataKeys.CAUSATION_ID, commandId);
        metaData.put(MetaDataKeys.PRINCIPAL, actor.principal());
        metaData.put(MetaDataKeys.PRINCIPAL_ROLES, actor.roles());
        metaData.put(MetaDataKeys.CHANNEL, actor.channel());
        if (tracked) {
            metaData.put(CommandStatusInterceptor.TRACKED_COMMAND_ID, commandId);
            metaData.put(CommandStatusInterceptor.TRACKED_SUBMITTER, actor.principal());
        }
        TraceContext trace = tracer.currentTraceContext().context();
        if (trace != null) {
            propagator.inject(trace, metaData, (carrier, key, value) -> {
                if (LedgerHeaders.TRACEPARENT.equals(key)) {
                    carrier.put(key, value);
                }
            });
        }
        GenericCommandMessage<AggregateCommand<A>> message = new GenericCommandMessage<>(
                new GenericMessage<>(commandId, command, metaData), command.getClass().getName());
        return gateway.send(message);
    }
}
