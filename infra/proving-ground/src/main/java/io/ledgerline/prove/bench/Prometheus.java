package io.ledgerline.prove.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a service's {@code /actuator/prometheus} (open in local mode) and picks samples out of the text format.
 * With several instances of the service, one scrape reads each instance that answers and holds all their samples:
 * sums add up over instances, and {@link Samples#byLabel} and {@link Samples#max} give the largest known value
 * (the instance furthest behind; NaN, "this instance claims no segment", only where no instance knows).
 */
public final class Prometheus {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One scrape. */
    public record Samples(List<Sample> all) {

        /** Values of {@code name} keyed by the value of one label; over instances, the largest known one. */
        public Map<String, Double> byLabel(String name, String label) {
            Map<String, Double> values = new TreeMap<>();
            all.stream().filter(s -> s.name().equals(name))
                    .forEach(s -> values.merge(s.labels().getOrDefault(label, ""), s.value(), Samples::largerKnown));
            return values;
        }

        private static Double largerKnown(Double a, Double b) {
            return a.isNaN() ? b : b.isNaN() ? a : Math.max(a, b);
        }

        /** Sum of every sample named {@code name} whose labels include {@code match}. */
        public double sum(String name, Map<String, String> match) {
            return all.stream().filter(s -> s.name().equals(name))
                    .filter(s -> s.labels().entrySet().containsAll(match.entrySet()))
                    .mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).sum();
        }

        /** Sum of every sample named {@code name} whose labels pass {@code filter}. */
        public double sum(String name, java.util.function.Predicate<Map<String, String>> filter) {
            return all.stream().filter(s -> s.name().equals(name)).filter(s -> filter.test(s.labels()))
                    .mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).sum();
        }

        public double max(String name) {
            return all.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value)
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        }
    }

    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http;
    private final List<URI> uris;

    /** Every instance of one service. */
    public Prometheus(HttpClient http, List<String> instanceUrls) {
        if (instanceUrls.isEmpty()) {
            throw new IllegalArgumentException("no instance to scrape");
        }
        this.http = http;
        this.uris = instanceUrls.stream().map(url -> URI.create(url + "/actuator/prometheus")).toList();
    }

    /**
     * The samples of every instance that answers within 3 s, all asked at once (a paused instance costs one
     * timeout, not one per instance); fails only when none answers.
     */
    public Samples scrape() throws IOException, InterruptedException {
        List<CompletableFuture<HttpResponse<String>>> pending = uris.stream()
                .map(uri -> http.sendAsync(HttpRequest.newBuilder(uri).timeout(SCRAPE_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<Sample> all = new ArrayList<>();
        IOException failure = null;
        for (int i = 0; i < pending.size(); i++) {
            try {
                HttpResponse<String> response = pending.get(i).get();
                if (response.statusCode() != 200) {
                    throw new IOException(uris.get(i) + " answered " + response.statusCode());
                }
                all.addAll(parse(response.body()).all());
            } catch (ExecutionException e) {
                // a killed or paused instance is a fault under test, not an error
                failure = failure == null ? new IOException(uris.get(i) + ": " + e.getCause(), e.getCause()) : failure;
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (all.isEmpty() && failure != null) {
            throw failure;
        }
        return new Samples(all);
    }

    public static Samples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            double value;
            try {
                value = Double.parseDouble(m.group(4));
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            samples.add(new Sample(m.group(1), labels, value));
        }
        return new Samples(samples);
    }
}
