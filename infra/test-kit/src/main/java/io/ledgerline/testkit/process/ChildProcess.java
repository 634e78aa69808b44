package io.ledgerline.testkit.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A component that is a child of this JVM (the Kafka broker, the MongoDB-wire server, the services), started in
 * its own session with stdout and stderr appended to its log file.
 */
public final class ChildProcess extends SupervisedProcess {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Runnable beforeLaunch;
    private volatile Process process;

    /**
     * @param environment  added to (and overriding) this JVM's environment
     * @param beforeLaunch runs before every launch, e.g. writing configuration or formatting storage
     */
    public ChildProcess(String name, ProcessContext context, List<String> command, Map<String, String> environment,
                        HealthCheck health, Duration stopGrace, Runnable beforeLaunch) {
        super(name, context, health, Signal.TERM, stopGrace);
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.beforeLaunch = beforeLaunch;
    }

    public List<String> command() {
        return command;
    }

    public Map<String, String> environment() {
        return environment;
    }

    @Override
    protected ProcessHandle launch() throws Exception {
        beforeLaunch.run();
        ProcessBuilder builder = new ProcessBuilder(Processes.inOwnSession(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        process = builder.start();
        return process.toHandle();
    }

    @Override
    protected String exitDescription() {
        Process p = process;
        return p != null && !p.isAlive() ? "exited with code " + p.exitValue() : "exited";
    }
}
