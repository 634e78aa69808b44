package io.ledgerline.testkit.process;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A small watchdog JVM that outlives the launcher only to stop its processes when the launcher was killed
 * without running its shutdown hook (SIGKILL, an IDE's hard stop). It reads the pid files in stop order, so the
 * services still stop before the infrastructure. After a normal shutdown the pid files are gone and the
 * launcher ends the reaper itself.
 *
 * <p>Usage: {@code Reaper <launcher-pid> <run-directory> <name>...} with the names in stop order.
 */
public final class Reaper {

    private static final Duration POLL = Duration.ofMillis(500);

    private Reaper() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: Reaper <launcher-pid> <run-directory> <name>...");
            System.exit(2);
        }
        Optional<ProcessHandle> launcher = ProcessHandle.of(Long.parseLong(args[0]));
        Path run = Path.of(args[1]);
        List<String> names = List.of(args).subList(2, args.length);
        System.out.println(Instant.now() + " watching launcher " + args[0] + " for " + names);
        while (launcher.map(Processes::isRunning).orElse(false)) {
            Processes.pause(POLL);
        }
        for (String name : names) {
            PidFile pidFile = new PidFile(run.resolve(name + ".pid"));
            pidFile.running().ifPresent(entry -> {
                System.out.println(Instant.now() + " launcher is gone, stopping " + name + " (pid "
                        + entry.process().pid() + ")");
                entry.stop();
                pidFile.delete();
            });
        }
        System.out.println(Instant.now() + " done");
    }

    /** The command that starts a reaper for this JVM. */
    public static List<String> command(ProcessContext context, List<String> namesInStopOrder) {
        List<String> args = new java.util.ArrayList<>(List.of(Long.toString(ProcessHandle.current().pid()),
                context.runDirectory().toString()));
        args.addAll(namesInStopOrder);
        List<String> command = new java.util.ArrayList<>(List.of(ProcessContext.JAVA, "-Xmx32m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", context.classpath(), Reaper.class.getName()));
        command.addAll(args);
        return Processes.inOwnSession(command);
    }
}
