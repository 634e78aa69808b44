package io.ledgerline.testkit.process;

import java.util.Arrays;
import java.util.List;

/**
 * JVM options of the stack's child JVMs, by kind. Six JVMs share two cores here, so the defaults are chosen by
 * measurement (docs/benchmarks.md, "JVM settings"). {@code LEDGERLINE_JVM_OPTS_SERVICES},
 * {@code LEDGERLINE_JVM_OPTS_KAFKA} and {@code LEDGERLINE_JVM_OPTS_MONGO} (space-separated) replace them, to measure
 * other settings; {@code LEDGERLINE_JVM_OPTS_INFRA} replaces Kafka's and the store's where their own is not set.
 */
public final class JvmOptions {

    /** Serial GC: no concurrent GC threads competing for the two cores; a 256 MB heap needs no more. */
    static final List<String> SERVICES = List.of("-XX:+UseSerialGC");
    /** Kafka also stops at C1: less compiler CPU and a shorter warm-up, and its hot path is I/O, not Java code. */
    static final List<String> KAFKA = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * The MongoDB-wire store keeps C2: its work is Java code (query matching, H2 pages), and C1's code spent a fifth
     * of it in slow type checks; steady-state writes were 1.5-1.8 times faster with C2 (docs/benchmarks.md).
     */
    static final List<String> MONGO = List.of("-XX:+UseSerialGC");

    private JvmOptions() {
    }

    /** command-service and query-service. */
    public static List<String> services() {
        return fromEnvironment("LEDGERLINE_JVM_OPTS_SERVICES", SERVICES);
    }

    /** The Kafka broker and its storage tool. */
    public static List<String> kafka() {
        return fromEnvironment("LEDGERLINE_JVM_OPTS_KAFKA", fromEnvironment("LEDGERLINE_JVM_OPTS_INFRA", KAFKA));
    }

    /** The MongoDB-wire store. */
    public static List<String> mongo() {
        return fromEnvironment("LEDGERLINE_JVM_OPTS_MONGO", fromEnvironment("LEDGERLINE_JVM_OPTS_INFRA", MONGO));
    }

    private static List<String> fromEnvironment(String variable, List<String> defaults) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? defaults
                : Arrays.stream(value.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }
}
