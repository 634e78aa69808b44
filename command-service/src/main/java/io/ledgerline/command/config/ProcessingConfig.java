package io.ledgerline.command.config;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Event handlers never swallow a failure: Axon's default logs it and moves the token past the event, which for
 * the publisher would lose a publication and for the transfer process would strand a transfer. Propagating makes
 * the processor roll the batch back and retry it with backoff.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfig {

    @Autowired
    void propagateHandlerFailures(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
