package io.ledgerline.prove.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every figure of a run, in sections, in the order they are shown: the one source of both the plain-text summary
 * and the JSON file.
 */
public final class Figures {

    private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
    private final StringBuilder preamble = new StringBuilder();

    /** Text printed before the sections (the benchmark suite's table). */
    public Figures preamble(String text) {
        preamble.append(text);
        return this;
    }

    public Figures put(String section, String name, Object value) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    public Object get(String section, String name) {
        Map<String, Object> s = sections.get(section);
        return s == null ? null : s.get(name);
    }

    public Map<String, Map<String, Object>> sections() {
        return sections;
    }

    /** Sections as aligned "name  value" lines; lists one item per line. */
    public String text() {
        StringBuilder out = new StringBuilder(preamble);
        sections.forEach((section, values) -> {
            out.append(section).append('\n');
            values.forEach((name, value) -> {
                if (value instanceof java.util.Collection<?> items) {
                    out.append(String.format(Locale.ROOT, "  %-44s %d%n", name, items.size()));
                    items.stream().limit(40).forEach(item -> out.append("      ").append(item).append('\n'));
                    if (items.size() > 40) {
                        out.append("      ... ").append(items.size() - 40).append(" more in report.json\n");
                    }
                } else {
                    out.append(String.format(Locale.ROOT, "  %-44s %s%n", name, render(value)));
                }
            });
        });
        return out.toString();
    }

    static String render(Object value) {
        if (value instanceof Double d) {
            if (Double.isNaN(d)) {
                return "n/a";
            }
            double size = Math.abs(d);
            return String.format(Locale.ROOT, size >= 100 ? "%.0f" : size >= 0.1 || size == 0 ? "%.2f" : "%.5f", d);
        }
        return String.valueOf(value);
    }
}
