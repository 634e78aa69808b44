package io.ledgerline.prove.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fault schedule of a run.
 *
 * @param mode       none, each-once (every kind on every target, in a seeded order) or random (seeded draws)
 * @param interval   quiet time between two faults (random: the mean, jittered ±50%)
 * @param targets    processes to kill or pause: command-service, query-service, kafka, postgres, mongo
 * @param kinds      which kinds of fault to inject
 * @param pause      how long a SIGSTOP lasts
 * @param proxyDelay extra delay per chunk while a DELAY fault lasts
 * @param proxyFault how long a DELAY or CUT lasts
 */
public record FaultSettings(Mode mode, Duration interval, List<String> targets, Set<Fault.Kind> kinds,
                            Duration pause, Duration proxyDelay, Duration proxyFault) {

    public enum Mode {
        NONE, EACH_ONCE, RANDOM;

        public static Mode parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final List<String> PROCESSES = List.of("command-service", "query-service", "kafka", "postgres",
            "mongo");
    /** Proxies sit in front of these, between them and the services. */
    public static final List<String> PROXIED = List.of("kafka", "postgres");

    public boolean needsProxies() {
        return mode != Mode.NONE && (kinds.contains(Fault.Kind.DELAY) || kinds.contains(Fault.Kind.CUT));
    }
}
