package io.ledgerline.prove.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * One fault to inject: what and where. {@code length} is how long a pause, delay or cut lasts (a kill is followed
 * by an immediate restart).
 */
public record Fault(Kind kind, String target, Duration length) {

    public enum Kind {
        /** SIGKILL, then start again and wait until healthy. */
        KILL,
        /** SIGSTOP (the process and its children), SIGCONT after {@code length}. */
        PAUSE,
        /** The proxy delays every chunk by {@link FaultSettings#proxyDelay()} for {@code length}. */
        DELAY,
        /** The proxy cuts every connection and refuses new ones for {@code length}. */
        CUT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String describe() {
        return kind.label() + " " + target + (kind == Kind.KILL ? "" : " " + length.toSeconds() + "s");
    }
}
