package io.ledgerline.prove.bench;

import io.ledgerline.contracts.Topics;
import io.ledgerline.prove.report.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the services' metrics once a second into the timeline: publication lag (events between the event store
 * head and the publisher's position, {@code ledger_processor_lag}), the publisher's commit → broker-ack latency
 * ({@code ledger_publication_latency_seconds}, the mean of each second's publications) and the query-service's
 * consumer lag (its Kafka client's {@code kafka_consumer_fetch_manager_records_lag} per partition of both event
 * topics, summed). Where the services publish them, also {@code ledger_publication_lag_seconds} (command-service)
 * and {@code ledger_projection_lag_seconds} (query-service), the largest value over their labels. A service that
 * is down is skipped.
 */
public final class MetricsSampler implements AutoCloseable {

    public static final String PUBLICATION_LAG = "publication lag (events)";
    public static final String TRANSFER_PROCESS_LAG = "transfer process lag (events)";
    public static final String PUBLICATION_MEAN = "publication latency, mean per second (ms)";
    public static final String CONSUMER_LAG = "query consumer lag (records)";
    /** Gauges the services may publish (added alongside this suite); sampled when present. */
    public static final String PROJECTION_LAG_SECONDS = "projection lag (s)";
    public static final String PUBLICATION_LAG_SECONDS = "publication lag (s)";

    private final Prometheus command;
    private final Prometheus query;
    private final Timeline timeline;
    private final InstanceWork work;
    private final Map<String, Double> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long lastSampleNanos;
    private double lastCount = -1;
    private double lastSum;

    public MetricsSampler(Prometheus command, Prometheus query, Timeline timeline) {
        this.command = command;
        this.query = query;
        this.timeline = timeline;
        this.work = new InstanceWork(timeline::elapsedMillis);
        this.thread = new Thread(this::run, "prove-metrics");
        thread.setDaemon(true);
    }

    public MetricsSampler start() {
        thread.start();
        return this;
    }

    /** Who held which segments and partitions over the run, and what each instance processed. */
    public InstanceWork work() {
        return work;
    }

    public Double latest(String name) {
        return latest.get(name);
    }

    /** Whether a round of scrapes that began after {@code nanos} has finished. */
    public boolean sampledAfter(long nanos) {
        return lastSampleNanos > nanos;
    }

    private void run() {
        while (!stopping) {
            long round = System.nanoTime();
            long roundMillis = timeline.elapsedMillis();
            List<Prometheus.Sample> both = new ArrayList<>();
            try {
                Prometheus.Samples c = command.scrape();
                both.addAll(c.all());
                Map<String, Double> lags = c.byLabel("ledger_processor_lag", "processor");
                record(PUBLICATION_LAG, lags.getOrDefault("kafka-publisher", Double.NaN));
                record(TRANSFER_PROCESS_LAG, lags.getOrDefault("transfer-process", Double.NaN));
                // Mean of the events acknowledged since the last sample, from the timer's count and sum: the
                // percentiles Micrometer publishes decay over minutes and would smear a spike over the whole run.
                double count = c.sum("ledger_publication_latency_seconds_count", Map.of());
                double sum = c.sum("ledger_publication_latency_seconds_sum", Map.of());
                if (count > lastCount && lastCount >= 0) {
                    record(PUBLICATION_MEAN, 1000 * (sum - lastSum) / (count - lastCount));
                }
                lastCount = count;
                lastSum = sum;
                record(PUBLICATION_LAG_SECONDS, c.max("ledger_publication_lag_seconds"));
            } catch (Exception e) {
                // down or paused: nothing to sample this second
            }
            try {
                Prometheus.Samples q = query.scrape();
                both.addAll(q.all());
                // Micrometer writes the topic label with dots turned into underscores.
                record(CONSUMER_LAG, q.sum("kafka_consumer_fetch_manager_records_lag", labels -> {
                    String topic = labels.getOrDefault("topic", "").replace('_', '.');
                    return topic.equals(Topics.ACCOUNT_EVENTS) || topic.equals(Topics.TRANSFER_EVENTS);
                }));
                record(PROJECTION_LAG_SECONDS, q.max("ledger_projection_lag_seconds"));
            } catch (Exception e) {
                // same
            }
            work.sample(both, roundMillis);
            lastSampleNanos = round;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(String name, double value) {
        if (!Double.isNaN(value)) {
            latest.put(name, value);
            timeline.gauge(name, value);
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
