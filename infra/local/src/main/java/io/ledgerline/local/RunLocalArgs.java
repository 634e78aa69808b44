package io.ledgerline.local;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** Throws IllegalArgumentException with a message for the user on anything it does not understand. */
    public static RunLocalArgs parse(List<String> args) {
        Command command = Command.RUN;
        boolean clean = false;
        boolean infraOnly = false;
        Path data = null;
        String role = null;
        String subject = null;
        Duration ttl = DEFAULT_TTL;
        JWSAlgorithm algorithm = JWSAlgorithm.RS256;
        LocalStackConfig.Instances instances = null;
        Iterator<String> it = args.iterator();
        if (!args.isEmpty() && args.get(0).equals("token")) {
            command = Command.TOKEN;
            it.next();
        }
        while (it.hasNext()) {
            String arg = it.next();
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (option) {
                case "-h", "--help" -> command = flag(arg, Command.HELP);
                case "--clean" -> clean = flag(arg, true);
                case "--infra-only" -> infraOnly = flag(arg, true);
                case "--instances" -> instances = LocalStackConfig.Instances.parse(value(arg, it));
                case "--data" -> data = Path.of(value(arg, it));
                case "--role" -> role = value(arg, it);
                case "--sub" -> subject = value(arg, it);
                case "--ttl" -> ttl = duration(value(arg, it));
                case "--alg" -> algorithm = algorithm(value(arg, it));
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (command == Command.HELP) {
            return new RunLocalArgs(Command.HELP, false, false, data, null, LocalStackConfig.Instances.ONE_EACH);
        }
        if (command == Command.RUN) {
            if (role != null || subject != null) {
                throw new IllegalArgumentException("--role and --sub belong to the token command: "
                        + "infra/run-local token --role <role> --sub <subject>");
            }
            if (infraOnly && instances != null) {
                throw new IllegalArgumentException("--infra-only starts no services; --instances does not apply");
            }
            return new RunLocalArgs(Command.RUN, clean, infraOnly, data, null,
                    instances == null ? LocalStackConfig.Instances.ONE_EACH : instances);
        }
        if (clean || infraOnly || instances != null) {
            throw new IllegalArgumentException(
                    "token does not start the stack; --clean, --infra-only and --instances do not apply");
        }
        if (role == null || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("token needs --role and --sub");
        }
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; one of customer, service, operator, auditor");
        }
        return new RunLocalArgs(Command.TOKEN, false, false, data, new TokenRequest(role, subject, ttl, algorithm),
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

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 such as {@code PT12H}; must be positive. */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                long amount = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 90s, 30m, 12h, 7d or PT12H)");
        }
        if (d.isNegative() || d.isZero()) {
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

    private static <T> T flag(String arg, T result) {
        if (arg.contains("=")) {
            throw new IllegalArgumentException(arg.substring(0, arg.indexOf('=')) + " takes no value");
        }
        return result;
    }

    /** The value of {@code --name value} or {@code --name=value}. */
    public static String value(String arg, Iterator<String> it) {
        if (arg.contains("=")) {
            return arg.substring(arg.indexOf('=') + 1);
        }
        if (!it.hasNext()) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return it.next();
    }
}
