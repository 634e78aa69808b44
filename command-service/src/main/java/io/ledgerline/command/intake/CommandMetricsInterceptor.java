package io.ledgerline.command.intake;

import io.ledgerline.command.ledger.CommandFailure;
import io.ledgerline.command.ledger.RefusableOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Counts and times every command by type and outcome ({@code ledger.commands}): applied, refused (tagged with
 * the refusal code, whichever channel the command came through) or failed. HTTP metrics only see requests; this
 * also sees the command topic and the transfer process's steps. Axon's {@code InterceptorAutoConfiguration} registers
 * it on the command bus, as every handler-interceptor bean.
 */
@Component
class CommandMetricsInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final MeterRegistry meters;

    CommandMetricsInterceptor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        String type = unitOfWork.getMessage().getPayloadType().getSimpleName();
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        String code = "none";
        try {
            Object result = chain.proceed();
            if (result instanceof RefusableOutcome step && step.isRefused()) {
                outcome = "refused";
                code = step.refusal().code();
            } else {
                outcome = "applied";
            }
            return result;
        } catch (Exception failure) {
            if (CommandFailure.of(failure) instanceof CommandFailure.Refused refused) {
                outcome = "refused";
                code = refused.refusal().code();
            }
            throw failure;
        } finally {
            sample.stop(Timer.builder("ledger.commands")
                    .description("commands handled, by type and outcome (refusals tagged with their code)")
                    .tag("type", type).tag("outcome", outcome).tag("code", code)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(meters));
        }
    }
}
