package io.ledgerline.prove.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Which faults come in which order, from the seed alone, so a failing run can be repeated. */
public final class FaultSchedule {

    private final FaultSettings settings;
    private final Random random;
    private final List<Fault> planned;
    private int next;

    public FaultSchedule(FaultSettings settings, long seed) {
        this.settings = settings;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.planned = settings.mode() == FaultSettings.Mode.EACH_ONCE ? eachOnce() : List.of();
    }

    /** Every kind on every target it applies to, kills first (the build's drill), the rest shuffled. */
    private List<Fault> eachOnce() {
        List<Fault> kills = new ArrayList<>();
        List<Fault> others = new ArrayList<>();
        for (Fault.Kind kind : Fault.Kind.values()) {
            if (!settings.kinds().contains(kind)) {
                continue;
            }
            for (String target : targetsOf(kind)) {
                (kind == Fault.Kind.KILL ? kills : others).add(new Fault(kind, target, lengthOf(kind)));
            }
        }
        Collections.shuffle(kills, random);
        Collections.shuffle(others, random);
        kills.addAll(others);
        return kills;
    }

    /** The next fault, or null when an each-once schedule is done (random never is; none has nothing). */
    public Fault next() {
        return switch (settings.mode()) {
            case NONE -> null;
            case EACH_ONCE -> next < planned.size() ? planned.get(next++) : null;
            case RANDOM -> {
                List<Fault.Kind> kinds = new ArrayList<>(settings.kinds());
                Collections.sort(kinds);
                Fault.Kind kind = kinds.get(random.nextInt(kinds.size()));
                List<String> targets = targetsOf(kind);
                if (targets.isEmpty()) {
                    yield new Fault(Fault.Kind.KILL, settings.targets().get(random.nextInt(settings.targets().size())),
                            lengthOf(Fault.Kind.KILL));
                }
                yield new Fault(kind, targets.get(random.nextInt(targets.size())), lengthOf(kind));
            }
        };
    }

    /** Quiet time before the next fault: the interval, jittered ±50% in random mode. */
    public long nextGapMillis() {
        long base = settings.interval().toMillis();
        return settings.mode() == FaultSettings.Mode.RANDOM ? base / 2 + (long) (random.nextDouble() * base) : base;
    }

    private List<String> targetsOf(Fault.Kind kind) {
        if (kind == Fault.Kind.DELAY || kind == Fault.Kind.CUT) {
            return settings.targets().stream().filter(FaultSettings.PROXIED::contains).map(t -> t + "-proxy")
                    .toList();
        }
        return settings.targets();
    }

    private Duration lengthOf(Fault.Kind kind) {
        return switch (kind) {
            case KILL -> Duration.ZERO;
            case PAUSE -> settings.pause();
            case DELAY, CUT -> settings.proxyFault();
        };
    }
}
