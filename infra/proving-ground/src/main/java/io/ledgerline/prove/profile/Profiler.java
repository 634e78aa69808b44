package io.ledgerline.prove.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * async-profiler attached to running JVMs for a window: {@code jcmd <pid> JVMTI.agent_load <lib>
 * start,event=itimer,interval=...} at its start and {@code ... stop,file=<f>,collapsed} at its end, one collapsed
 * file per JVM. The library comes from the {@code tools.profiler:async-profiler} jar on the class path
 * ({@code linux-x64/libasyncProfiler.so}), copied out once. {@code itimer} (setitimer, CPU time of the whole
 * process) needs no perf events, which containers often forbid. A JVM loads the library once and later loads only
 * run the agent's command again, so one JVM can be started and stopped for many windows.
 */
public final class Profiler {

    public static final String LIBRARY_RESOURCE = "linux-x64/libasyncProfiler.so";

    private final Path library;
    private final Path jcmd;
    private final Duration interval;

    private Profiler(Path library, Path jcmd, Duration interval) {
        this.library = library;
        this.jcmd = jcmd;
        this.interval = interval;
    }

    /** Copies the native library out of its jar into {@code folder}. */
    public static Profiler extract(Path folder, Duration interval) throws IOException {
        Files.createDirectories(folder);
        Path library = folder.resolve("libasyncProfiler.so");
        try (InputStream in = Profiler.class.getClassLoader().getResourceAsStream(LIBRARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(LIBRARY_RESOURCE + " is not on the class path: the "
                        + "tools.profiler:async-profiler jar is missing (a dependency of infra/proving-ground)");
            }
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IllegalStateException("no jcmd at " + jcmd + ": profiling needs a JDK, not a JRE");
        }
        return new Profiler(library, jcmd, interval);
    }

    /** The agent options that start sampling. */
    String startOptions() {
        return "start,event=itimer,interval=" + interval.toNanos();
    }

    /** The agent options that stop sampling and write the collapsed stacks. */
    static String stopOptions(Path file) {
        return "stop,file=" + file + ",collapsed";
    }

    /** Starts sampling in each JVM (name → pid), all at once; returns what failed, by name. */
    public Map<String, String> start(Map<String, Long> jvms) {
        return inEach(jvms, name -> startOptions());
    }

    /** Stops sampling in each JVM and writes {@code folder/<name>.collapsed}; returns what failed, by name. */
    public Map<String, String> stop(Map<String, Long> jvms, Path folder) throws IOException {
        Files.createDirectories(folder);
        return inEach(jvms, name -> stopOptions(folder.resolve(name + ".collapsed").toAbsolutePath()));
    }

    /** One jcmd per JVM, in parallel: one after the other they would take seconds on a loaded machine. */
    private Map<String, String> inEach(Map<String, Long> jvms, java.util.function.Function<String, String> options) {
        Map<String, java.util.concurrent.CompletableFuture<String>> running = new LinkedHashMap<>();
        jvms.forEach((name, pid) -> running.put(name, java.util.concurrent.CompletableFuture.supplyAsync(
                () -> agent(pid, options.apply(name)))));
        Map<String, String> failures = new LinkedHashMap<>();
        running.forEach((name, result) -> {
            String error = result.join();
            if (error != null) {
                failures.put(name, error);
            }
        });
        return failures;
    }

    /** Runs the agent in a JVM; null when jcmd reports success, else what it said. */
    private String agent(long pid, String options) {
        // jcmd joins its arguments into one command line that the JVM splits again, on commas among others:
        // without the quotes the agent would get "start" alone ("event must not be empty").
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid), "JVMTI.agent_load",
                library.toAbsolutePath().toString(), "\"" + options + "\""));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "jcmd timed out";
            }
            // jcmd prints "return code: 0" when Agent_OnAttach succeeded.
            if (process.exitValue() != 0 || !output.contains("return code: 0")) {
                return "jcmd exit " + process.exitValue() + ": " + output.replace('\n', ' ');
            }
            return null;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public Path library() {
        return library;
    }
}
