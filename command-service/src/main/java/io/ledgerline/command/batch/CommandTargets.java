package io.ledgerline.command.batch;

import io.ledgerline.command.ledger.AggregateCommand;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which aggregate a command targets, asked of the command itself ({@link AggregateCommand#aggregateId()}). Axon's
 * {@link AnnotationCommandTargetResolver} searches the payload's class for its annotated members reflectively on
 * every call, and a command is resolved three times (the batch's locks, its read-ahead, the aggregate's handler):
 * 5 % of the command-service's CPU in the dw16 profile (docs/benchmarks.md). Commands that are not an
 * {@link AggregateCommand} still go to Axon's resolver, so the annotations stay the single declaration of a
 * target (test fixtures read them).
 */
public final class CommandTargets implements CommandTargetResolver {

    public static final CommandTargets INSTANCE = new CommandTargets();

    private static final CommandTargetResolver ANNOTATED = AnnotationCommandTargetResolver.builder().build();

    private CommandTargets() {
    }

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof AggregateCommand target) {
            return new VersionedAggregateIdentifier(target.aggregateId(), null);
        }
        return ANNOTATED.resolveTarget(command);
    }

    /** The identifiers of the aggregates {@code commands} target, in order of first mention. */
    static Set<String> of(List<CommandMessage<?>> commands) {
        Set<String> ids = new LinkedHashSet<>();
        for (CommandMessage<?> command : commands) {
            ids.add(INSTANCE.resolveTarget(command).getIdentifier());
        }
        return ids;
    }
}
