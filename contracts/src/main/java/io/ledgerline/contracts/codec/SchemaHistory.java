package io.ledgerline.contracts.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Every released version of every schema, as kept under {@code io/ledgerline/contracts/schema-history/}:
 * one folder per Avro full name, one {@code vN.avsc} per released version, all listed in {@code index.txt}.
 * Released versions are never removed: old messages on the topics and in the event store name them.
 */
public final class SchemaHistory {

    public static final String ROOT = "io/ledgerline/contracts/schema-history/";
    private static final String INDEX = ROOT + "index.txt";

    private final Map<String, List<Schema>> versionsByName;

    private SchemaHistory(Map<String, List<Schema>> versionsByName) {
        this.versionsByName = versionsByName;
    }

    /** Loads the history shipped in this jar. */
    public static SchemaHistory released() {
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        for (String entry : readLines(loader, INDEX)) {
            Schema schema = parse(loader, ROOT + entry);
            String folder = entry.substring(0, entry.indexOf('/'));
            if (!folder.equals(schema.getFullName())) {
                throw new IllegalStateException(entry + " holds " + schema.getFullName() + ", not " + folder);
            }
            versions.computeIfAbsent(schema.getFullName(), name -> new ArrayList<>()).add(schema);
        }
        versions.replaceAll((name, list) -> Collections.unmodifiableList(list));
        return new SchemaHistory(Collections.unmodifiableMap(versions));
    }

    /** A history of the given versions, e.g. a newer release a test pretends to know. */
    public static SchemaHistory of(Map<String, List<Schema>> versionsByName) {
        Map<String, List<Schema>> copy = new LinkedHashMap<>();
        versionsByName.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return new SchemaHistory(Collections.unmodifiableMap(copy));
    }

    /** Released versions per Avro full name, oldest first. */
    public Map<String, List<Schema>> versionsByName() {
        return versionsByName;
    }

    public List<Schema> versionsOf(String fullName) {
        return versionsByName.getOrDefault(fullName, List.of());
    }

    private static List<String> readLines(ClassLoader loader, String resource) {
        try (InputStream in = open(loader, resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parse(ClassLoader loader, String resource) {
        try (InputStream in = open(loader, resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing schema history resource " + resource);
        }
        return in;
    }
}
