package io.ledgerline.local;

import com.nimbusds.jose.JWSAlgorithm;
import io.ledgerline.testkit.cli.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The command line of {@code infra/run-local}:
 * {@code [--clean] [--infra-only] [--instances C,Q] [--data <dir>]} runs the stack;
 * {@code token --role <role> --sub <subject> [--ttl 12h] [--alg RS256|ES256] [--data <dir>]} mints one token.
 *
 * @param dataDirectory null unless {@code --data} was given (see {@link #dataDirectory(Map, Path)})
 * @param token         what to mint, for {@link Command#TOKEN}; null otherwise
 * @param instances     command-service and query-service processes to run
 */
public record RunLocalArgs(Command command, boolean clean, boolean infraOnly, Path dataDirectory,
                           TokenRequest token, LocalStackConfig.Instances instances) {

    public enum Command { RUN, TOKEN, HELP }

    public record TokenRequest(String role, String subject, Duration ttl, JWSAlgorithm algorithm) {
    }

    public static final Set<String> ROLES = Set.of("customer", "service", "operator", "auditor");
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);

    public static final String USAGE = """
            usage: infra/run-local [--clean] [--infra-only] [--instances C,Q] [--data <dir>] [--no-build]
                   infra/run-local token --role <customer|service|operator|auditor> --sub <subject> \
            [--ttl 12h] [--alg RS256|ES256] [--data <dir>]
                   infra/run-local send-command <open|deposit|withdraw|transfer> --name value ...
                   infra/run-local events [--topic <topic>] [--key <id>]
                   infra/run-local redrive --topic <topic>.dlt   (copy dead letters back after a fix)

              --clean       wipe the data folder first (keys, events, topics, read models, logs)
              --infra-only  start PostgreSQL, Kafka, MongoDB-wire and the JWKS endpoint, not the services
              --instances C,Q  C command-service and Q query-service processes (default 1,1); instance n
                            listens on its service's port + 10 x (n - 1): 8081, 8091 ... and 8082, 8092 ...
              --data <dir>  data folder (default: $LEDGERLINE_DATA_DIR, else <repository>/.ledgerline)
              --no-build    do not build, even if sources changed (handled by infra/run-local)
              --ttl         token lifetime: 90s, 30m, 12h, 7d or ISO-8601 (PT12H)

            Ports (environment): LEDGERLINE_PG_PORT 55432, LEDGERLINE_KAFKA_PORT 59092,
              LEDGERLINE_KAFKA_CONTROLLER_PORT 59093, LEDGERLINE_MONGO_PORT 57017, LEDGERLINE_COMMAND_PORT 8081,
              LEDGERLINE_QUERY_PORT 8082, LEDGERLINE_JWKS_PORT 59080""";

    /** The options as picocli reads them; what may be combined with what is checked in {@link #parse}. */
    @CommandLine.Command(name = "infra/run-local")
    static final class Spec {
        @CommandLine.Parameters(arity = "0..1", paramLabel = "token")
        String command;
        @CommandLine.Option(names = {"-h", "--help"}, arity = "0")
        boolean help;
        @CommandLine.Option(names = "--clean", arity = "0")
        boolean clean;
        @CommandLine.Option(names = "--infra-only", arity = "0")
        boolean infraOnly;
        @CommandLine.Option(names = "--instances")
        String instances;
        @CommandLine.Option(names = "--data")
        Path data;
        @CommandLine.Mixin
        TokenOptions token = new TokenOptions();
    }

    /** Throws IllegalArgumentException with a message for the user on anything it does not understand. */
    public static RunLocalArgs parse(List<String> args) {
        Spec spec = new Spec();
        Cli.parse(spec, args);
        if (spec.command != null && !spec.command.equals("token")) {
            throw new IllegalArgumentException("unknown argument: " + spec.command);
        }
        Command command = spec.help ? Command.HELP : spec.command == null ? Command.RUN : Command.TOKEN;
        LocalStackConfig.Instances instances =
                spec.instances == null ? null : LocalStackConfig.Instances.parse(spec.instances);
        if (command == Command.HELP) {
            return new RunLocalArgs(Command.HELP, false, false, spec.data, null, LocalStackConfig.Instances.ONE_EACH);
        }
        if (command == Command.RUN) {
            if (spec.token.given()) {
                throw new IllegalArgumentException("--role, --sub, --ttl and --alg belong to the token command: "
                        + "infra/run-local token --role <role> --sub <subject>");
            }
            if (spec.infraOnly && instances != null) {
                throw new IllegalArgumentException("--infra-only starts no services; --instances does not apply");
            }
            return new RunLocalArgs(Command.RUN, spec.clean, spec.infraOnly, spec.data, null,
                    instances == null ? LocalStackConfig.Instances.ONE_EACH : instances);
        }
        if (spec.clean || spec.infraOnly || instances != null) {
            throw new IllegalArgumentException(
                    "token does not start the stack; --clean, --infra-only and --instances do not apply");
        }
        return new RunLocalArgs(Command.TOKEN, false, false, spec.data, spec.token.request(),
                LocalStackConfig.Instances.ONE_EACH);
    }

    /** {@code --data}, else {@code LEDGERLINE_DATA_DIR}, else {@code <repository>/.ledgerline}. */
    public Path dataDirectory(Map<String, String> env, Path repositoryRoot) {
        if (dataDirectory != null) {
            return dataDirectory.toAbsolutePath().normalize();
        }
        String fromEnv = env.get("LEDGERLINE_DATA_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return repositoryRoot.resolve(".ledgerline").toAbsolutePath().normalize();
    }

    /** A token lifetime: a duration as {@link Cli#duration} reads it ({@code 90s}, {@code PT12H}); positive. */
    public static Duration duration(String text) {
        Duration d = Cli.duration(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("a token lifetime must be positive: " + text);
        }
        return d;
    }

    /** RS256 or ES256, as the services accept them. */
    public static JWSAlgorithm algorithm(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "RS256" -> JWSAlgorithm.RS256;
            case "ES256" -> JWSAlgorithm.ES256;
            default -> throw new IllegalArgumentException("unsupported --alg " + text + "; RS256 or ES256");
        };
    }
}
