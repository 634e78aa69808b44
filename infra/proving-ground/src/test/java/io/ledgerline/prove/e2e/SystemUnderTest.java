package io.ledgerline.prove.e2e;

import io.ledgerline.local.LocalStack;
import io.ledgerline.local.LocalStackConfig;
import io.ledgerline.local.Ports;
import io.ledgerline.testkit.http.HttpApi;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The whole system as separate processes, started by the same launcher as {@code infra/run-local}, on free
 * ports in a throw-away data folder: two instances of each service ({@code infra/run-local --instances 2,2}),
 * {@link #command} and {@link #query} the first ones, {@link #otherCommand} and {@link #otherQuery} the second.
 */
final class SystemUnderTest implements AutoCloseable {

    /** A command producer with the service role that may send deposits only. */
    static final String DEPOSIT_FEED = "deposit-feed";

    final LocalStack stack;
    final HttpApi command;
    final HttpApi query;
    final HttpApi otherCommand;
    final HttpApi otherQuery;
    final String customer;
    final String otherCustomer;
    final String service;
    final String operator;

    private SystemUnderTest(LocalStack stack) {
        this.stack = stack;
        LocalStackConfig config = stack.config();
        this.command = new HttpApi(config.commandServiceUrls().get(0));
        this.query = new HttpApi(config.queryServiceUrls().get(0));
        this.otherCommand = new HttpApi(config.commandServiceUrls().get(1));
        this.otherQuery = new HttpApi(config.queryServiceUrls().get(1));
        this.customer = token("alice", "customer");
        this.otherCustomer = token("bob", "customer");
        this.service = token("payments", "service");
        this.operator = token("ops", "operator");
    }

    static SystemUnderTest start() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "e2e-");
        // The service jars are on the test class path only to order the reactor build; the child JVMs don't need them.
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("-exec.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        LocalStackConfig config = LocalStackConfig.of(root, data).withPorts(Ports.free()).withClasspath(classpath)
                .withKafkaProducer(DEPOSIT_FEED, "service", "deposit")
                .withInstances(new LocalStackConfig.Instances(2, 2));
        LocalStack stack = new LocalStack(config);
        stack.start();
        return new SystemUnderTest(stack);
    }

    String token(String subject, String role) {
        return stack.tokens().mint(TokenSpec.of(subject, role, Duration.ofHours(1)));
    }

    @Override
    public void close() {
        stack.close();
    }
}
