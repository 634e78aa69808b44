package io.ledgerline.prove.check;

import io.ledgerline.contracts.Topics;
import io.ledgerline.prove.workload.OperationLog;
import io.ledgerline.testkit.audit.LedgerAudit;
import io.ledgerline.testkit.kafka.KafkaUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The checks of issue 5 after the system quiesced: the event store (read-only SQL), both event topics from offset
 * 0, and every read model through the query API, against each other and against what the clients were told.
 */
public final class InvariantChecker {

    private final String jdbcUrl;
    private final String user;
    private final Map<String, Object> kafka;
    private final QueryApi queries;
    private final Duration readModelPatience;
    private List<StoreEvent> store;
    private LedgerAudit.Report fold;

    public InvariantChecker(String jdbcUrl, String user, Map<String, Object> kafka, QueryApi queries, Duration readModelPatience) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.kafka = kafka;
        this.queries = queries;
        this.readModelPatience = readModelPatience;
    }

    public CheckResult check(OperationLog log, List<String> notQuiescent, Consumer<String> say) throws Exception {
        List<Violation> violations = new ArrayList<>();
        notQuiescent.forEach(b -> violations.add(new Violation("quiescence", "not at rest when checked: " + b)));

        store = EventStoreSnapshot.read(jdbcUrl, user);
        say.accept("read " + store.size() + " events from the event store");
        fold = StoreCheck.check(store, violations);
        OperationCheck.check(log, store, violations);
        int refusals = RefusalCheck.check(log, store, violations);
        say.accept("checked " + refusals + " insufficient-funds refusals against the account versions acknowledged"
                + " before them");

        Map<String, List<TopicEvent>> topics = new LinkedHashMap<>();
        for (String topic : List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)) {
            topics.put(topic, TopicSnapshot.read(kafka, topic, Duration.ofMinutes(2)));
        }
        TopicCheck.Summary published = TopicCheck.check(store, topics, violations);
        say.accept("read " + published.messages() + " messages from the event topics (" + published.duplicates()
                + " redelivered copies)");

        int items = ReadModelCheck.check(queries, fold, store, readModelPatience, violations);
        say.accept("compared " + items + " read models with the fold of the event store");

        Map<String, Long> byStatus = new TreeMap<>();
        fold.transfers().values().forEach(t -> byStatus.merge(t.status(), 1L, Long::sum));
        return new CheckResult(store.size(), fold.accounts().size(), fold.transfers().size(), byStatus,
                published.messages(), published.duplicates(), items, fold.balancesByCurrency(),
                fold.netDepositsByCurrency(), violations);
    }

    /**
     * Only the read models (after a rebuild switched generations), against the store {@link #check} read: the
     * system was at rest then and a rebuild writes nothing to the event store.
     */
    public List<Violation> checkReadModels() throws Exception {
        if (store == null) {
            throw new IllegalStateException("check() reads the event store first");
        }
        List<Violation> violations = new ArrayList<>();
        ReadModelCheck.check(queries, fold, store, readModelPatience, violations);
        return violations;
    }
}
