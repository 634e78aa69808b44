package io.ledgerline.prove.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A self-contained HTML page (inline SVG, no scripts, nothing fetched: these machines have no internet) with
 * throughput, latency, lag and CPU over time, faults and measured windows shaded and labelled, phases along the
 * top.
 */
public final class Chart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 220;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 28;
    private static final int BOTTOM = 30;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf"};

    private record Series(String name, List<double[]> points) {
    }

    private Chart() {
    }

    public static String html(String title, Timeline timeline, Figures figures) {
        List<Timeline.SecondView> seconds = timeline.seconds();
        double span = Math.max(1, Math.max(seconds.size(), timeline.elapsedMillis() / 1000.0));
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title><style>body{font-family:sans-serif;margin:20px;color:#222}"
                        + "h1{font-size:20px}h2{font-size:15px;margin:18px 0 4px}pre{background:#f6f6f6;padding:10px;"
                        + "font-size:12px;overflow:auto}svg{background:#fff;border:1px solid #ddd}"
                        + ".legend span{margin-right:14px;font-size:12px}</style></head><body>");
        page.append("<h1>").append(escape(title)).append("</h1>");

        List<Series> throughput = List.of(
                series("acknowledged/s", seconds, s -> (double) s.ok()),
                series("refused/s", seconds, s -> (double) s.rejected()),
                series("unknown/s", seconds, s -> (double) s.unknown()));
        panel(page, "Throughput (answered commands per second)", throughput, span, timeline, "ops/s");
        List<Series> latency = List.of(
                series("p50", seconds, Timeline.SecondView::p50Millis),
                series("p99", seconds, Timeline.SecondView::p99Millis),
                series("visibility p99 (ack → visible)", seconds, Timeline.SecondView::visibilityP99Millis));
        List<Series> millis = new ArrayList<>(latency);
        List<Series> lags = new ArrayList<>();
        List<Series> inSeconds = new ArrayList<>();
        List<Series> cpu = new ArrayList<>();
        new java.util.TreeMap<>(timeline.gauges()).forEach((name, values) -> {
            List<Series> panel = name.startsWith("CPU ") ? cpu : name.endsWith("(ms)") ? millis
                    : name.endsWith("(s)") ? inSeconds : lags;
            panel.add(gauge(name, values));
        });
        panel(page, "Command latency, visibility lag and publication latency", millis, span, timeline, "ms");
        panel(page, "Publication lag, consumer lag, transfers in flight (sampled every second)", lags, span,
                timeline, "events");
        if (!inSeconds.isEmpty()) {
            panel(page, "Lag gauges in seconds (where the services publish them)", inSeconds, span, timeline, "s");
        }
        if (!cpu.isEmpty()) {
            panel(page, "CPU per process (% of one core) and of the machine (% of all cores)", cpu, span, timeline,
                    "%");
        }

        page.append("<h2>Faults</h2><pre>");
        for (Timeline.Mark fault : timeline.faults()) {
            page.append(String.format(Locale.ROOT, "%7.1f s – %7.1f s  %s: %s%n", fault.startMillis() / 1000.0,
                    fault.endMillis() / 1000.0, escape(fault.label()), escape(String.valueOf(fault.detail()))));
        }
        page.append("</pre><h2>Summary</h2><pre>").append(escape(figures.text())).append("</pre></body></html>\n");
        return page.toString();
    }

    private static void panel(StringBuilder page, String title, List<Series> series, double span, Timeline timeline,
                              String unit) {
        double max = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1])
                .filter(v -> !Double.isNaN(v)).max().orElse(1);
        max = niceCeiling(Math.max(max, 1e-9));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        page.append("<h2>").append(escape(title)).append("</h2><div class=\"legend\">");
        for (int i = 0; i < series.size(); i++) {
            page.append("<span style=\"color:").append(COLOURS[i % COLOURS.length]).append("\">&#9632; ")
                    .append(escape(series.get(i).name())).append("</span>");
        }
        page.append("<span style=\"color:#e6a000\">&#9632; fault</span>");
        if (!timeline.windowMarks().isEmpty()) {
            page.append("<span style=\"color:#7fb3e0\">&#9632; measured window</span>");
        }
        page.append("</div>");
        page.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", WIDTH,
                HEIGHT, WIDTH, HEIGHT));
        for (Timeline.Mark phase : timeline.phases()) {
            double x = LEFT + plotW * phase.startMillis() / 1000.0 / span;
            page.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#bbb\" stroke-dasharray=\"3,3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
                    + "fill=\"#777\">%s</text>", x, TOP, x, TOP + plotH, x + 2, TOP - 4, escape(phase.label())));
        }
        for (Timeline.Mark window : timeline.windowMarks()) {
            double x1 = LEFT + plotW * window.startMillis() / 1000.0 / span;
            double x2 = Math.max(x1 + 2, LEFT + plotW * window.endMillis() / 1000.0 / span);
            page.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#7fb3e0\" opacity=\"0.18\"><title>measured: %s</title></rect><text x=\"%.1f\" "
                    + "y=\"%d\" font-size=\"9\" fill=\"#2b6ca3\">%s</text>", x1, TOP, x2 - x1, plotH,
                    escape(window.label()), x1 + 1, TOP + plotH - 3, escape(window.label())));
        }
        int row = 0;
        for (Timeline.Mark fault : timeline.faults()) {
            double x1 = LEFT + plotW * fault.startMillis() / 1000.0 / span;
            double x2 = Math.max(x1 + 2, LEFT + plotW * fault.endMillis() / 1000.0 / span);
            page.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#ffcc33\" opacity=\"0.35\"><title>%s</title></rect><text x=\"%.1f\" y=\"%d\" "
                    + "font-size=\"9\" fill=\"#a06800\">%s</text>", x1, TOP, x2 - x1, plotH,
                    escape(fault.label() + ": " + fault.detail()), x1 + 1, TOP + 10 + 10 * (row++ % 4),
                    escape(fault.label())));
        }
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            page.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                    LEFT, y, LEFT + plotW, y, LEFT - 4, y + 3, Figures.render(max * i / 4)));
        }
        page.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" font-size=\"10\" transform=\"rotate(-90 12 %d)"
                + "\">%s</text>", TOP + plotH / 2, TOP + plotH / 2, escape(unit)));
        int step = Math.max(10, (int) Math.ceil(span / 12 / 10) * 10);
        for (int t = 0; t <= span; t += step) {
            double x = LEFT + plotW * t / span;
            page.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
                    + "text-anchor=\"middle\">%ds</text>", x, HEIGHT - 10, t));
        }
        for (int i = 0; i < series.size(); i++) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (double[] p : series.get(i).points()) {
                if (Double.isNaN(p[1])) {
                    pen = false;
                    continue;
                }
                double x = LEFT + plotW * (p[0] + 0.5) / span;
                double y = TOP + plotH - plotH * Math.min(p[1], max) / max;
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                pen = true;
            }
            page.append("<path d=\"").append(path).append("\" fill=\"none\" stroke-width=\"1.4\" stroke=\"")
                    .append(COLOURS[i % COLOURS.length]).append("\"/>");
        }
        page.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/></svg>", LEFT, TOP, plotW, plotH));
    }

    private static Series series(String name, List<Timeline.SecondView> seconds,
                                 java.util.function.Function<Timeline.SecondView, Double> value) {
        List<double[]> points = new ArrayList<>();
        seconds.forEach(s -> points.add(new double[] {s.second(), value.apply(s)}));
        return new Series(name, points);
    }

    private static Series gauge(String name, NavigableMap<Integer, Double> values) {
        List<double[]> points = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : values.entrySet()) {
            points.add(new double[] {e.getKey(), e.getValue()});
        }
        return new Series(name, points);
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
