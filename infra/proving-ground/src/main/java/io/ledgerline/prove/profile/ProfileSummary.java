package io.ledgerline.prove.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints each profiled process's CPU split into {@link StackCategories}: one block per collapsed-stack file, with
 * samples, CPU seconds (samples × sampling interval) and the share of each category. {@code infra/prove --profile}
 * writes this to {@code profiles/summary.txt}; run it by hand on any folder of {@code .collapsed} files:
 *
 * <pre>{@code
 * java -cp "infra/proving-ground/target/classes:$(cat infra/proving-ground/target/classpath.txt)" \
 *     io.ledgerline.prove.profile.ProfileSummary target/prove/<run>/profiles [interval-ms]
 * }</pre>
 */
public final class ProfileSummary {

    /** One file's split: samples per category, largest first. */
    public record Split(String name, long samples, Map<String, Long> byCategory) {
    }

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary <folder or .collapsed file>... [interval-ms, default 10]");
            System.exit(2);
        }
        double intervalMillis = 10;
        List<Path> inputs = new ArrayList<>();
        for (String arg : args) {
            if (arg.matches("\\d+(\\.\\d+)?")) {
                intervalMillis = Double.parseDouble(arg);
            } else {
                inputs.add(Path.of(arg));
            }
        }
        System.out.print(text(splits(inputs), intervalMillis));
    }

    /** Every {@code .collapsed} file under the inputs, sorted by path, named by its path below the input. */
    public static List<Split> splits(List<Path> inputs) throws IOException {
        StackCategories categories = new StackCategories(StackCategories.DEFAULT);
        List<Split> splits = new ArrayList<>();
        for (Path input : inputs) {
            List<Path> files;
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    files = walk.filter(p -> p.toString().endsWith(".collapsed")).sorted().toList();
                }
            } else {
                files = List.of(input);
            }
            for (Path file : files) {
                Map<String, Long> split = categories.split(file);
                String name = Files.isDirectory(input) ? input.relativize(file).toString() : file.toString();
                splits.add(new Split(name.replaceAll("\\.collapsed$", ""), split.values().stream()
                        .mapToLong(Long::longValue).sum(), split));
            }
        }
        return splits;
    }

    public static String text(List<Split> splits, double intervalMillis) {
        StringBuilder out = new StringBuilder();
        for (Split split : splits) {
            out.append(String.format(Locale.ROOT, "%s: %d samples, %.1f CPU s at %.0f ms per sample%n", split.name(),
                    split.samples(), split.samples() * intervalMillis / 1000, intervalMillis));
            split.byCategory().forEach((category, samples) -> out.append(String.format(Locale.ROOT,
                    "  %-50s %5.1f %%  %7.1f s%n", category, 100.0 * samples / Math.max(1, split.samples()),
                    samples * intervalMillis / 1000)));
        }
        return out.toString();
    }

    /** The splits as shares in percent, for report.json. */
    public static Map<String, Map<String, Double>> shares(List<Split> splits) {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        for (Split split : splits) {
            Map<String, Double> shares = new LinkedHashMap<>();
            split.byCategory().forEach((category, samples) ->
                    shares.put(category, Math.round(1000.0 * samples / Math.max(1, split.samples())) / 10.0));
            all.put(split.name(), shares);
        }
        return all;
    }
}
