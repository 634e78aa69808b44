package io.ledgerline.command.intake;

import io.ledgerline.command.intake.IntakeProperties.TopicCommand;
import io.ledgerline.command.security.LedgerPrincipal;
import io.ledgerline.command.security.Role;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.Topics;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.stereotype.Component;

/**
 * Who may send commands over Kafka, and with which rights (docs/product.md §4, §6). Each producer has a command
 * topic and a result topic of its own, and the brokers' ACLs let only that producer's principal write the one and
 * read the other: a consumer is not told who produced a record, so the topic a command arrives on is what names
 * its sender. Its messages then run with the roles configured here, exactly as an HTTP token with those roles
 * would, and its command ids are its own.
 */
@Component
public class CommandProducers {

    /** Prefix of a topic producer's submitter id: not valid in an id, so no token's principal can claim it. */
    static final String SUBMITTER_PREFIX = "#kafka:";

    /**
     * A configured producer.
     *
     * @param principal what its messages act as: its owner id (for the customer role) and its roles
     * @param commands  what it may send at all, before the roles are asked
     */
    public record Producer(String name, LedgerPrincipal principal, Set<TopicCommand> commands) {

        public String commandTopic() {
            return Topics.commands(name);
        }

        public String resultTopic() {
            return Topics.commandResults(name);
        }

        /** The submitter of its commands' statuses: scopes its command ids, and is its audit principal. */
        public String submitter() {
            return SUBMITTER_PREFIX + name;
        }

        public String roles() {
            return principal.roles().stream().map(Role::claimValue).sorted().collect(Collectors.joining(" "));
        }

        public boolean maySend(TopicCommand command) {
            return commands.contains(command);
        }
    }

    private final Map<String, Producer> byTopic = new TreeMap<>();

    CommandProducers(IntakeProperties properties) {
        properties.producers().forEach((name, configured) -> {
            if (!Topics.isValidProducer(name)) {
                throw new IllegalStateException("ledgerline.intake.producers: the name '" + name + "' must match "
                        + Topics.PRODUCER_REGEX);
            }
            if (configured == null || configured.roles() == null || configured.roles().isEmpty()) {
                throw new IllegalStateException("ledgerline.intake.producers." + name + ".roles must name a role");
            }
            String owner = configured.owner() == null ? name : configured.owner();
            if (!LedgerLimits.isValidId(owner)) {
                throw new IllegalStateException("ledgerline.intake.producers." + name + ".owner must match "
                        + LedgerLimits.ID_REGEX);
            }
            Set<TopicCommand> commands = configured.commands() == null || configured.commands().isEmpty()
                    ? EnumSet.allOf(TopicCommand.class) : EnumSet.copyOf(configured.commands());
            Producer producer = new Producer(name, new LedgerPrincipal(owner, Set.copyOf(configured.roles())),
                    Set.copyOf(commands));
            byTopic.put(producer.commandTopic(), producer);
        });
    }

    /**
     * True when the configuration names a producer: the command-topic listener exists only then, because a
     * listener needs at least one topic.
     */
    public static final class Configured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("ledgerline.intake.producers", Bindable.mapOf(String.class, IntakeProperties.Producer.class))
                    .map(producers -> !producers.isEmpty()).orElse(false);
        }
    }

    /** The command topics to consume, one per producer. */
    public List<String> commandTopics() {
        return List.copyOf(byTopic.keySet());
    }

    public List<Producer> all() {
        return List.copyOf(byTopic.values());
    }

    /** The producer whose command topic {@code topic} is. */
    public Producer ofTopic(String topic) {
        Producer producer = byTopic.get(topic);
        if (producer == null) {
            throw new IllegalStateException("no producer is configured for " + topic);
        }
        return producer;
    }
}
