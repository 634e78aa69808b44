package io.ledgerline.command.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout             how long a synchronous request waits for its command before answering 503
 * @param idempotencyRetention how long Idempotency-Key responses are kept (at least 24 hours per the contract)
 * @param idempotencyLease    how long a request may hold its key before a retry may take over
 * @param pendingTimeout      after this, an asynchronous HTTP command still PENDING is reported FAILED
 * @param queueCapacity       commands from outside one instance holds at once, queued or committing
 *                            ({@link CommandAdmission}); about two seconds of work at the rates measured here
 * @param topicAdmissionWait  how long the command-topic listener waits for room before it lets the container
 *                            retry the record with backoff (well below {@code max.poll.interval.ms})
 */
@ConfigurationProperties("ledgerline.intake")
public record IntakeProperties(@DefaultValue("10s") Duration timeout,
                               @DefaultValue("24h") Duration idempotencyRetention,
                               @DefaultValue("30s") Duration idempotencyLease,
                               @DefaultValue("5m") Duration pendingTimeout,
                               @DefaultValue("1000") int queueCapacity,
                               @DefaultValue("30s") Duration topicAdmissionWait) {
}
