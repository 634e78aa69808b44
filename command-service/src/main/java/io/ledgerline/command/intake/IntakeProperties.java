package io.ledgerline.command.intake;

import io.ledgerline.command.security.Role;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
 * @param commandTopicConcurrency consumer threads of the command topics on one instance
 * @param producers           the command-topic producers, by name: each writes its own topic
 *                            ({@code ledger.commands.v1.<name>}) and is answered on its own result topic; none by
 *                            default, so that nothing is consumed until a deployment names who may send commands
 */
@ConfigurationProperties("ledgerline.intake")
public record IntakeProperties(@DefaultValue("10s") Duration timeout,
                               @DefaultValue("24h") Duration idempotencyRetention,
                               @DefaultValue("30s") Duration idempotencyLease,
                               @DefaultValue("5m") Duration pendingTimeout,
                               @DefaultValue("1000") int queueCapacity,
                               @DefaultValue("30s") Duration topicAdmissionWait,
                               @DefaultValue("3") int commandTopicConcurrency,
                               Map<String, Producer> producers) {

    public IntakeProperties {
        producers = producers == null ? Map.of() : Map.copyOf(producers);
    }

    /**
     * One command-topic producer: the rights its messages run with.
     *
     * @param roles    roles of docs/product.md §6, as for an HTTP token
     * @param commands if set, only these commands, even where the roles allow more (a deposit feed, say)
     * @param owner    the owner id a customer-role producer acts for; its name when unset
     */
    public record Producer(Set<Role> roles, Set<TopicCommand> commands, String owner) {
    }

    /** The commands the topic carries. */
    public enum TopicCommand { OPEN_ACCOUNT, DEPOSIT, WITHDRAW, TRANSFER }
}
