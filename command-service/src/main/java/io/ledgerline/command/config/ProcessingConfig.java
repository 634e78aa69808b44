package io.ledgerline.command.config;

import java.lang.management.ManagementFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
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

    /**
     * Axon's JDBC token store as its auto-configuration builds it, with one change: the owner written into a
     * claimed segment's row names the instance ({@code command-service-2 (4711@host)}), so {@code token_entry}
     * and {@code GET /api/v1/admin/processors} say which instance holds which segment. The process id stays in
     * it: two processes with one owner name would both believe they hold a segment. The claim timeout
     * ({@code axon.eventhandling.tokenstore.claim-timeout}) is how long a dead or frozen instance's segments stay
     * claimed before another instance takes them.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          TokenStoreProperties tokenStoreProperties, LedgerProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(TokenSchema.builder().build()) // Axon's default table and column names
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(properties.instance() + " (" + ManagementFactory.getRuntimeMXBean().getName() + ")")
                .build();
    }
}
