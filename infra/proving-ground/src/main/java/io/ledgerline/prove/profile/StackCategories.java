package io.ledgerline.prove.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Splits a process's CPU samples (async-profiler's collapsed stacks: {@code frame;frame;...;leaf count}) into
 * categories by frame patterns. A sample belongs to the innermost frame that names a category: walking from the
 * leaf towards the root, the first frame matching any category decides. So time in a JDK or kernel frame counts
 * for the library that called it (a socket write under pgjdbc is JDBC, a HashMap lookup under Jackson is Jackson),
 * and the JVM's own threads are told by their C++ frames (compiler, GC). Samples no frame claims are "other".
 */
public final class StackCategories {

    /** A category and the frame prefixes that belong to it (Java classes with dots, or C++ {@code Class::}). */
    public record Category(String name, List<String> prefixes) {

        boolean matches(String frame) {
            for (String prefix : prefixes) {
                if (frame.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    public static final String OTHER = "other";

    /**
     * The categories, most specific first where prefixes overlap (Spring Kafka before Spring MVC's
     * {@code org.springframework.web}; Axon event processing before the rest of Axon).
     */
    public static final List<Category> DEFAULT = List.of(
            new Category("JIT compiler", List.of("CompileBroker::", "C2Compiler::", "C1Compiler::", "Compile::",
                    "Compilation::", "CompilerThread", "PhaseIdealLoop::", "PhaseChaitin::", "Parse::")),
            new Category("GC", List.of("G1", "GangWorker::", "WorkerThread::", "GCTaskThread", "ConcurrentGCThread", "SerialHeap::",
                    "GenCollectedHeap::", "PSScavenge", "ParallelScavenge", "DefNewGeneration::",
                    "TenuredGeneration::", "MarkSweep::", "CollectedHeap::")),
            new Category("Spring Security", List.of("org.springframework.security.")),
            new Category("Kafka client", List.of("org.apache.kafka.clients.", "org.apache.kafka.common.",
                    "org.springframework.kafka.")),
            new Category("Kafka broker", List.of("kafka.", "org.apache.kafka.")),
            new Category("Jackson", List.of("com.fasterxml.jackson.")),
            new Category("Avro", List.of("org.apache.avro.")),
            new Category("JDBC / pgjdbc", List.of("org.postgresql.", "org.springframework.jdbc.")),
            new Category("Hikari", List.of("com.zaxxer.hikari.")),
            new Category("Micrometer / tracing", List.of("io.micrometer.", "brave.", "io.opentelemetry.",
                    "io.prometheus.")),
            new Category("MongoDB driver", List.of("com.mongodb.", "org.bson.", "org.springframework.data.mongodb.")),
            new Category("mongo-java-server / H2", List.of("de.bwaldvogel.", "org.h2.")),
            new Category("Netty", List.of("io.netty.")),
            new Category("Axon event processing", List.of("org.axonframework.eventhandling.",
                    "org.axonframework.modelling.saga.")),
            new Category("Axon command handling", List.of("org.axonframework.")),
            new Category("Spring MVC / Tomcat", List.of("org.springframework.web.", "org.apache.catalina.",
                    "org.apache.coyote.", "org.apache.tomcat.", "jakarta.servlet.")),
            new Category("JDK HTTP client", List.of("jdk.internal.net.http.", "java.net.http.")),
            new Category("Logging", List.of("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
            new Category("Ledgerline code", List.of("io.ledgerline.")),
            new Category("JVM runtime (interpreter, safepoints, VM thread)", List.of("Interpreter", "VMThread::",
                    "SafepointSynchronize::", "VM_Operation::", "Runtime1::", "SharedRuntime::",
                    "OptoRuntime::")));

    private final List<Category> categories;

    public StackCategories(List<Category> categories) {
        this.categories = List.copyOf(categories);
    }

    /** The category of one collapsed stack (frames separated by ';', root first, without the count). */
    public String categorize(String stack) {
        String[] frames = stack.split(";");
        for (int i = frames.length - 1; i >= 0; i--) {
            // async-profiler writes Java classes with slashes (java/lang/Thread.run); match them with dots.
            String frame = frames[i].replace('/', '.');
            for (Category category : categories) {
                if (category.matches(frame)) {
                    return category.name();
                }
            }
        }
        return OTHER;
    }

    /** Samples per category over the lines of a collapsed file, largest first; "total" is not included. */
    public Map<String, Long> split(Stream<String> collapsedLines) {
        Map<String, Long> counts = new LinkedHashMap<>();
        collapsedLines.forEach(line -> {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                return;
            }
            long samples;
            try {
                samples = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                return;
            }
            counts.merge(categorize(line.substring(0, space)), samples, Long::sum);
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    public Map<String, Long> split(Path collapsed) throws IOException {
        try (Stream<String> lines = Files.lines(collapsed)) {
            return split(lines);
        }
    }
}
