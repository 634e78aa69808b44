package io.ledgerline.prove.suite;

import io.ledgerline.prove.workload.HttpCommands;
import io.ledgerline.prove.workload.Mix;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One measured scenario of the benchmark suite: a workload (deposits/withdrawals, or the mixed one with transfers),
 * a load shape (closed loop of N workers, a target rate of half the workload's measured maximum, or idle), and how
 * commands travel (plain HTTP, with an Idempotency-Key, respond-async, or the command topic).
 *
 * @param visibilityEvery probe visibility for one acknowledged command in this many
 */
public record Scenario(String name, Workload workload, int workers, Load load, double idleRate, Channel channel,
                       int visibilityEvery) {

    /** The operation mix. */
    public enum Workload {
        DEPOSIT_WITHDRAW("deposits/withdrawals", new Mix(50, 50, 0)),
        MIXED("mixed", new Mix(25, 25, 50));

        private final String label;
        private final Mix mix;

        Workload(String label, Mix mix) {
            this.label = label;
            this.mix = mix;
        }

        public String label() {
            return label;
        }

        public Mix mix() {
            return mix;
        }
    }

    /** How the load is offered. */
    public enum Load {
        /** Each worker sends its next command when the last one was answered. */
        CLOSED,
        /** Paced at half the best acknowledged rate its workload reached closed-loop earlier in the run. */
        HALF_MAX,
        /** A few commands a second, every one probed for visibility. */
        IDLE
    }

    /** How commands travel. */
    public enum Channel {
        HTTP(HttpCommands.Style.PLAIN),
        IDEMPOTENCY_KEY(HttpCommands.Style.IDEMPOTENCY_KEY),
        RESPOND_ASYNC(HttpCommands.Style.RESPOND_ASYNC),
        /** ledger.commands.v1, the result awaited on ledger.command-results.v1 (the --via-kafka all machinery). */
        KAFKA(HttpCommands.Style.PLAIN);

        private final HttpCommands.Style style;

        Channel(HttpCommands.Style style) {
            this.style = style;
        }

        public HttpCommands.Style style() {
            return style;
        }
    }

    /** Open-loop workers of the rate scenarios: far more than the rate times the latency needs. */
    public static final int RATE_WORKERS = 64;
    /** Visibility is probed for one acknowledged command in five, except when idle (every one). */
    public static final int PROBE_EVERY = 5;

    /** Every scenario, in the order the suite runs them. */
    public static final List<Scenario> ALL = List.of(
            new Scenario("dw16", Workload.DEPOSIT_WITHDRAW, 16, Load.CLOSED, 0, Channel.HTTP, PROBE_EVERY),
            new Scenario("dw64", Workload.DEPOSIT_WITHDRAW, 64, Load.CLOSED, 0, Channel.HTTP, PROBE_EVERY),
            new Scenario("mixed16", Workload.MIXED, 16, Load.CLOSED, 0, Channel.HTTP, PROBE_EVERY),
            new Scenario("mixed64", Workload.MIXED, 64, Load.CLOSED, 0, Channel.HTTP, PROBE_EVERY),
            new Scenario("dw-half", Workload.DEPOSIT_WITHDRAW, RATE_WORKERS, Load.HALF_MAX, 0, Channel.HTTP,
                    PROBE_EVERY),
            new Scenario("mixed-half", Workload.MIXED, RATE_WORKERS, Load.HALF_MAX, 0, Channel.HTTP, PROBE_EVERY),
            new Scenario("idle", Workload.DEPOSIT_WITHDRAW, 8, Load.IDLE, 5, Channel.HTTP, 1),
            new Scenario("idem16", Workload.DEPOSIT_WITHDRAW, 16, Load.CLOSED, 0, Channel.IDEMPOTENCY_KEY,
                    PROBE_EVERY),
            new Scenario("async16", Workload.DEPOSIT_WITHDRAW, 16, Load.CLOSED, 0, Channel.RESPOND_ASYNC,
                    PROBE_EVERY),
            new Scenario("kafka16", Workload.DEPOSIT_WITHDRAW, 16, Load.CLOSED, 0, Channel.KAFKA, PROBE_EVERY));

    /**
     * The scenarios named in {@code text} ("all", or names separated by commas), in the suite's order. A
     * half-rate scenario needs a closed-loop scenario of its workload before it, whose best rate it halves.
     */
    public static List<Scenario> parse(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return ALL;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (ALL.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("unknown scenario " + part.trim() + "; choose from "
                        + ALL.stream().map(Scenario::name).toList() + " or all");
            }
            names.add(name);
        }
        List<Scenario> chosen = new ArrayList<>(ALL.stream().filter(s -> names.contains(s.name())).toList());
        for (Scenario s : chosen) {
            if (s.load() == Load.HALF_MAX && chosen.stream().noneMatch(o -> o.workload() == s.workload()
                    && o.load() == Load.CLOSED && o.channel() == Channel.HTTP)) {
                throw new IllegalArgumentException(s.name() + " runs at half the maximum its workload reached: "
                        + "choose " + (s.workload() == Workload.MIXED ? "mixed16 or mixed64" : "dw16 or dw64")
                        + " too");
            }
        }
        return List.copyOf(chosen);
    }

    /** "16 workers", "64 workers at half max", "2 workers at 5/s". */
    public String shape() {
        return switch (load) {
            case CLOSED -> workers + " workers, closed loop";
            case HALF_MAX -> "target half max, " + workers + " workers";
            case IDLE -> workers + " workers at " + (int) idleRate + "/s";
        };
    }
}
