package io.ledgerline.local;

import io.ledgerline.local.RoleTokens.RoleToken;
import io.ledgerline.local.tools.CommandSender;
import io.ledgerline.local.tools.DeadLetterRedrive;
import io.ledgerline.local.tools.EventTail;
import io.ledgerline.testkit.kafka.KafkaUsers;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code infra/run-local}: starts the whole system, prints where everything is and tokens for
 * each role, and runs until Ctrl-C. {@code token ...} mints one more token from the stored key instead.
 * The repository root comes from the {@code ledgerline.root} system property (set by the script), else the
 * working directory.
 */
public final class RunLocal {

    private static final Duration TOKEN_TTL = Duration.ofHours(12);

    private RunLocal() {
    }

    public static void main(String[] args) throws IOException {
        // Before the first logger exists; logback's default would print every library's DEBUG lines.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/ledgerline/local/logback-launcher.xml");
        }
        if (args.length > 0 && List.of("send-command", "events", "redrive").contains(args[0])) {
            System.exit(tool(List.of(args)));
            return;
        }
        RunLocalArgs parsed;
        try {
            parsed = RunLocalArgs.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.err.println(RunLocalArgs.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("ledgerline.root", "")).toAbsolutePath().normalize();
        Path data = parsed.dataDirectory(System.getenv(), root);
        switch (parsed.command()) {
            case HELP -> System.out.println(RunLocalArgs.USAGE);
            case TOKEN -> {
                try {
                    System.out.println(token(parsed.token(), data));
                } catch (IllegalStateException e) {
                    System.err.println("run-local: " + e.getMessage());
                    System.exit(1);
                }
            }
            case RUN -> run(parsed, root, data);
        }
    }

    /**
     * The Kafka tools a downstream team would write: a command producer and an event reader, and the operator's
     * re-drive. Each connects as its own user of the local broker, with the password in the data folder:
     * send-command as the producer {@code ledger-cli}, the operator tools as the super user.
     */
    private static int tool(List<String> args) {
        Path root = Path.of(System.getProperty("ledgerline.root", "")).toAbsolutePath().normalize();
        LocalStackConfig config = LocalStackConfig.of(root, RunLocalArgs.parse(List.of())
                .dataDirectory(System.getenv(), root)).withPorts(Ports.fromEnvironment(System.getenv()));
        try {
            if (args.get(0).equals("send-command")) {
                System.out.println(CommandSender.send(args.subList(1, args.size()),
                        config.kafkaClientProperties(CommandSender.producer(args.subList(1, args.size()))),
                        Duration.ofSeconds(30)));
            } else if (args.get(0).equals("redrive")) {
                System.out.println(DeadLetterRedrive.run(args.subList(1, args.size()),
                        config.kafkaClientProperties(KafkaUsers.ADMIN)));
            } else {
                EventTail.print(args.subList(1, args.size()), config.kafkaClientProperties(KafkaUsers.ADMIN),
                        System.out);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            // the command line was wrong: say how it is written
            System.err.println("run-local: " + e.getMessage());
            System.err.println("usage: infra/run-local " + CommandSender.USAGE.replace("\n", "\n       infra/run-local ")
                    + "\n       infra/run-local " + EventTail.USAGE
                    + "\n       infra/run-local " + DeadLetterRedrive.USAGE);
            return 2;
        } catch (IllegalStateException e) {
            // the command line was right and the stack did not answer (not running, or no result in time)
            System.err.println("run-local: " + e.getMessage());
            return 1;
        }
    }

    /** Mints with the keys in the data folder (creating them if this is the first use), so the stack trusts it. */
    static String token(RunLocalArgs.TokenRequest request, Path data) throws IOException {
        DataFolder folder = new DataFolder(data);
        folder.claim();
        LocalTokens tokens = LocalTokens.loadOrCreate(folder.signingKeys());
        return tokens.mint(TokenSpec.of(request.subject(), request.role(), request.ttl())
                .withAlgorithm(request.algorithm()));
    }

    private static void run(RunLocalArgs args, Path root, Path data) throws IOException {
        LocalStackConfig config;
        try {
            config = LocalStackConfig.of(root, data).withPorts(Ports.fromEnvironment(System.getenv()))
                    .withClean(args.clean()).withInstances(args.instances());
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args.infraOnly()) {
            config = config.withoutServices();
        }
        LocalStack stack = new LocalStack(config);
        try {
            stack.start();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // Ctrl-C during start-up: the shutdown hook is stopping what had started
            }
            System.err.println();
            System.err.println("run-local: the stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        List<RoleToken> tokens = RoleTokens.mint(stack.tokens(), TOKEN_TTL);
        Map<String, String> urls = new LinkedHashMap<>();
        if (config.startServices()) {
            urls.put("COMMAND_URL", config.commandServiceUrl());
            urls.put("QUERY_URL", config.queryServiceUrl());
        }
        RoleTokens.writeEnvFile(config.folder().tokensEnv(), tokens, urls);
        printBanner(System.out, stack, tokens);
        try {
            new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM; the stack's shutdown hook stops everything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void printBanner(PrintStream out, LocalStack stack, List<RoleToken> tokens) {
        LocalStackConfig c = stack.config();
        out.println();
        out.printf(Locale.ROOT, "Ledgerline is running (started in %.1f s: %s)%n", stack.startupTime().toMillis() / 1000.0,
                times(stack.componentStartupTimes()));
        out.println();
        if (c.startServices()) {
            List<String> names = LocalServices.processNames(c);
            List<String> urls = new java.util.ArrayList<>(c.commandServiceUrls());
            urls.addAll(c.queryServiceUrls()); // in the order of the names: command-services first
            for (int i = 0; i < names.size(); i++) {
                String url = urls.get(i);
                out.printf("  %-17s %s%n", names.get(i), url);
                out.printf("  %-17s %s/swagger-ui.html   (OpenAPI %s/v3/api-docs)%n", "", url, url);
                out.printf("  %-17s %s/actuator/health   %s/actuator/prometheus%n", "", url, url);
            }
            if (names.size() > 2) {
                out.println("  (instances share PostgreSQL, Kafka and MongoDB-wire; send to any of them)");
            }
        } else {
            out.println("  services         not started (--infra-only); run them against the endpoints below");
        }
        out.printf("  %-17s %s   (user postgres, no password)%n", "PostgreSQL", c.jdbcUrl());
        out.printf("  %-17s %s%n", "Kafka", c.kafkaBootstrapServers());
        out.printf("  %-17s %s%n", "MongoDB", c.mongoUri());
        out.printf("  %-17s %s%n", "JWKS", c.jwkSetUri());
        out.printf("  %-17s %s%n", "data folder", c.folder().root());
        out.printf("  %-17s %s%n", "logs", c.folder().logs());
        out.println();
        out.printf("Tokens, valid %d h (also in %s: source it, then curl -H \"Authorization: Bearer $TOKEN_CUSTOMER\" ...):%n",
                TOKEN_TTL.toHours(), c.folder().tokensEnv());
        for (RoleToken t : tokens) {
            out.printf("  %-9s %-17s %-19s %s%n", t.role(), t.subject(), t.variable(), t.token());
        }
        out.println();
        out.println("Another token: infra/run-local token --role <customer|service|operator|auditor> --sub <id> [--ttl 12h]");
        out.println("Press Ctrl-C to stop everything.");
    }

    private static String times(Map<String, Duration> times) {
        StringBuilder s = new StringBuilder();
        times.forEach((name, d) -> s.append(s.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f s", name, d.toMillis() / 1000.0)));
        return s.toString();
    }
}
