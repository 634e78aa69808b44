package io.ledgerline.testkit.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every supervised process of one stack shares: where logs and pid files go, the class path handed to
 * child JVMs, and how long a component may take to become healthy.
 */
public record ProcessContext(Path logDirectory, Path runDirectory, String classpath, Duration startTimeout) {

    /** Child JVMs run on the JDK that runs us. */
    public static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** Logging of the Kafka, MongoDB-wire and reaper JVMs: INFO to stdout, which goes to their log file. */
    public static final String CHILD_LOGBACK = "-Dlogback.configurationFile=io/ledgerline/testkit/logback-child.xml";

    public Path logFile(String name) {
        return logDirectory.resolve(name + ".log");
    }

    public PidFile pidFile(String name) {
        return new PidFile(runDirectory.resolve(name + ".pid"));
    }

    /**
     * {@code java -Xmx<heap> <jvmOptions...> -cp <classpath> <mainClass> <args...>} with the child logging
     * configuration.
     */
    public List<String> javaCommand(String heap, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of(JAVA, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        command.addAll(List.of(CHILD_LOGBACK, "-cp", classpath, mainClass));
        command.addAll(args);
        return command;
    }
}
