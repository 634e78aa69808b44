package io.ledgerline.contracts;

import java.util.regex.Pattern;

/** Kafka topic names: public interface, written out rather than derived from class names. */
public final class Topics {

    /** Account events, keyed by the bare account id. */
    public static final String ACCOUNT_EVENTS = "ledger.account-events.v1";
    /** Transfer events, keyed by the transfer id. */
    public static final String TRANSFER_EVENTS = "ledger.transfer-events.v1";
    /**
     * Prefix of the command topics: producer {@code p} writes {@code ledger.commands.v1.p}, keyed by the target
     * aggregate id, header {@link LedgerHeaders#COMMAND_ID}. Only {@code p}'s principal may write it (broker
     * ACLs), so the topic a command arrives on says who sent it.
     */
    public static final String COMMANDS_PREFIX = "ledger.commands.v1.";
    /** Prefix of the result topics: one {@code CommandResult} per command id of producer {@code p}, keyed by it. */
    public static final String COMMAND_RESULTS_PREFIX = "ledger.command-results.v1.";

    /** Suffix of dead-letter topics; a DLT has at least its source's partition count. */
    public static final String DLT_SUFFIX = ".dlt";

    /** A producer's name: lower case, digits and dashes, so that it is a topic-name part and a Kafka user name. */
    public static final String PRODUCER_REGEX = "^[a-z0-9][a-z0-9-]{0,47}$";
    private static final Pattern PRODUCER = Pattern.compile(PRODUCER_REGEX);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }

    public static boolean isValidProducer(String name) {
        return name != null && PRODUCER.matcher(name).matches();
    }

    /** The command topic of {@code producer}. */
    public static String commands(String producer) {
        return COMMANDS_PREFIX + requireProducer(producer);
    }

    /** The result topic of {@code producer}. */
    public static String commandResults(String producer) {
        return COMMAND_RESULTS_PREFIX + requireProducer(producer);
    }

    /** The producer whose command topic {@code topic} is; null when it is not a command topic. */
    public static String producerOfCommandTopic(String topic) {
        if (topic == null || !topic.startsWith(COMMANDS_PREFIX)) {
            return null;
        }
        String producer = topic.substring(COMMANDS_PREFIX.length());
        return isValidProducer(producer) ? producer : null;
    }

    private static String requireProducer(String producer) {
        if (!isValidProducer(producer)) {
            throw new IllegalArgumentException("a producer name must match " + PRODUCER_REGEX + ": " + producer);
        }
        return producer;
    }
}
