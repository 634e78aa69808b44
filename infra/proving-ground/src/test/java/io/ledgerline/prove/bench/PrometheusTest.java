package io.ledgerline.prove.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTest {

    @Test
    void picksSamplesOutOfTheTextFormat() {
        Prometheus.Samples samples = Prometheus.parse("""
                # HELP ledger_processor_lag event store head position minus the processor's lowest position
                # TYPE ledger_processor_lag gauge
                ledger_processor_lag{application="command-service",processor="kafka-publisher"} 3.0
                ledger_processor_lag{application="command-service",processor="transfer-process"} 0.0
                ledger_publication_latency_seconds{application="command-service",quantile="0.99"} 0.012
                kafka_consumer_fetch_manager_records_lag_max{client_id="a"} 7.0
                kafka_consumer_fetch_manager_records_lag_max{client_id="b"} NaN
                """);
        assertThat(samples.byLabel("ledger_processor_lag", "processor"))
                .containsEntry("kafka-publisher", 3.0).containsEntry("transfer-process", 0.0);
        assertThat(samples.sum("ledger_publication_latency_seconds", Map.of("quantile", "0.99"))).isEqualTo(0.012);
        assertThat(samples.max("kafka_consumer_fetch_manager_records_lag_max")).isEqualTo(7.0);
    }
}
