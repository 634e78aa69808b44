package io.ledgerline.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The plumbing both services need, registered by Spring Boot in each (META-INF/spring/...AutoConfiguration.imports):
 * written once here instead of twice, because the two copies had drifted (health timeouts of 2 s and 3 s, two
 * correlation-id filters, an identical problem writer).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
public class ServiceKitAutoConfiguration {

    @Bean
    ProblemWriter problemWriter(ObjectMapper objectMapper) {
        return new ProblemWriter(objectMapper);
    }

    @Bean
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin,
                                              @Value("${spring.application.name}") String application) {
        return new KafkaHealthIndicator(kafkaAdmin, application + "-health");
    }

    @Bean
    InstanceHealthIndicator instanceHealthIndicator(@Value("${ledgerline.instance}") String instance) {
        return new InstanceHealthIndicator(instance);
    }
}
