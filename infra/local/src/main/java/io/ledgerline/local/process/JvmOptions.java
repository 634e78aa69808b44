package io.ledgerline.local.process;

import java.util.Arrays;
import java.util.List;

/**
 * JVM options of the stack's child JVMs, by kind. Six JVMs share two cores here, so the defaults are chosen by
 * measurement (docs/benchmarks.md, "JVM settings"). {@code LEDGERLINE_JVM_OPTS_SERVICES} and
 * {@code LEDGERLINE_JVM_OPTS_INFRA} (space-separated) replace them, to measure other settings.
 */
public final class JvmOptions {

    /** Serial GC: no concurrent GC threads competing for the two cores; a 256 MB heap needs no more. */
    static final List<String> SERVICES = List.of("-XX:+UseSerialGC");
    /** Kafka and the MongoDB-wire store also stop at C1: less compiler CPU and a shorter warm-up. */
    static final List<String> INFRASTRUCTURE = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private JvmOptions() {
    }

    /** command-service and query-service. */
    public static List<String> services() {
        return fromEnvironment("LEDGERLINE_JVM_OPTS_SERVICES", SERVICES);
    }

    /** The Kafka broker and the MongoDB-wire store. */
    public static List<String> infrastructure() {
        return fromEnvironment("LEDGERLINE_JVM_OPTS_INFRA", INFRASTRUCTURE);
    }

    private static List<String> fromEnvironment(String variable, List<String> defaults) {
        String value = System.getenv(variable);
        return value == null ? defaults
                : Arrays.stream(value.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }
}
