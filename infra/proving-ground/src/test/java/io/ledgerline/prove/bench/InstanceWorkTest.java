package io.ledgerline.prove.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InstanceWorkTest {

    private final AtomicLong now = new AtomicLong();
    private final InstanceWork work = new InstanceWork(now::get);

    @Test
    void measuresHowLongTheOthersTookToHoldWhatTheFaultedInstanceHeld() {
        at(1_000, partitions("query-service", 4), partitions("query-service-2", 2));
        at(2_000, partitions("query-service", 4), partitions("query-service-2", 2));
        // query-service killed at 2.5 s: it stops answering, its partitions stay with it until the session ends
        at(3_000, partitions("query-service-2", 2));
        at(13_000, partitions("query-service-2", 6));
        at(80_000, partitions("query-service", 3), partitions("query-service-2", 3));

        List<InstanceWork.TakeOver> takeOvers = work.takeOver("query-service", 2_500, 70_000);

        assertThat(takeOvers).singleElement().satisfies(t -> {
            assertThat(t.unit()).isEqualTo("ledger-query");
            assertThat(t.held()).isEqualTo(4);
            assertThat(t.afterMillis()).isEqualTo(10_500L);
        });
        assertThat(work.moves()).extracting(InstanceWork.Move::describe).containsExactly(
                "3.0 s ledger-query: {query-service=4, query-service-2=2} -> {query-service-2=2}",
                "13.0 s ledger-query: {query-service-2=2} -> {query-service-2=6}",
                "80.0 s ledger-query: {query-service-2=6} -> {query-service=3, query-service-2=3}");
    }

    @Test
    void saysSoWhenNobodyTookOverBeforeTheInstanceCameBack() {
        at(1_000, segments("command-service", "kafka-publisher", 1), segments("command-service-2", "kafka-publisher", 0));
        at(2_000, segments("command-service-2", "kafka-publisher", 0));
        at(9_000, segments("command-service", "kafka-publisher", 1), segments("command-service-2", "kafka-publisher", 0));

        assertThat(work.takeOver("command-service", 1_500, 9_500)).singleElement()
                .satisfies(t -> assertThat(t.afterMillis()).isNull());
        assertThat(work.takeOver("command-service-2", 1_500, 9_500)).as("it held nothing").isEmpty();
    }

    @Test
    void addsUpWhatEachInstanceProcessedOverItsRestarts() {
        at(1_000, counter("command-service", "ledger_commands_seconds_count", Map.of("outcome", "ok"), 10),
                counter("command-service", "ledger_commands_seconds_count", Map.of("outcome", "refused"), 5));
        at(2_000, counter("command-service", "ledger_commands_seconds_count", Map.of("outcome", "ok"), 30),
                counter("command-service", "ledger_commands_seconds_count", Map.of("outcome", "refused"), 5));
        at(3_000, counter("command-service", "ledger_commands_seconds_count", Map.of("outcome", "ok"), 4));
        at(4_000, counter("command-service", "ledger_commands_seconds_count", Map.of("outcome", "ok"), 9),
                counter("query-service-2", "ledger_query_projection_apply_seconds_count", Map.of(), 70));

        assertThat(work.processed()).isEqualTo(Map.of(
                "command-service", Map.of("commands decided", 35L + 9L),
                "query-service-2", Map.of("events projected", 70L)));
    }

    @Test
    void namesTheUnitsOfWork() {
        assertThat(InstanceWork.unitOf(new Prometheus.Sample("kafka_consumer_coordinator_assigned_partitions",
                Map.of("client_id", "consumer-ledger-commands-3"), 2))).isEqualTo("ledger-commands");
        assertThat(InstanceWork.unitOf(new Prometheus.Sample("ledger_processor_segments_claimed",
                Map.of("processor", "transfer-process"), 1))).isEqualTo("transfer-process");
        assertThat(InstanceWork.unitOf(new Prometheus.Sample("ledger_processor_lag",
                Map.of("processor", "transfer-process"), 1))).isNull();
    }

    @SafeVarargs
    private void at(long millis, List<Prometheus.Sample>... instances) {
        now.set(millis);
        List<Prometheus.Sample> all = new ArrayList<>();
        for (List<Prometheus.Sample> samples : instances) {
            all.addAll(samples);
        }
        work.sample(all);
    }

    private static List<Prometheus.Sample> partitions(String instance, int count) {
        return List.of(new Prometheus.Sample("kafka_consumer_coordinator_assigned_partitions",
                Map.of("client_id", "consumer-ledger-query-1", InstanceWork.INSTANCE, instance), count));
    }

    private static List<Prometheus.Sample> segments(String instance, String processor, int count) {
        return List.of(new Prometheus.Sample("ledger_processor_segments_claimed",
                Map.of("processor", processor, InstanceWork.INSTANCE, instance), count));
    }

    private static List<Prometheus.Sample> counter(String instance, String name, Map<String, String> tags,
                                                   double value) {
        Map<String, String> labels = new java.util.HashMap<>(tags);
        labels.put(InstanceWork.INSTANCE, instance);
        return List.of(new Prometheus.Sample(name, labels, value));
    }
}
