package io.ledgerline.local.identity;

import com.nimbusds.jose.JWSAlgorithm;
import io.ledgerline.local.DataFolder;
import io.ledgerline.local.RunLocalArgs;
import io.ledgerline.local.TokenOptions;
import io.ledgerline.testkit.cli.Cli;
import io.ledgerline.testkit.tokens.JwksServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The identity provider of the Docker Compose stack (infra/docker/identity). {@code serve} publishes the public
 * JWK set of the signing keys kept in a data folder (created on first start) on every interface, where the other
 * containers can fetch it; {@link JwksServer} listens on loopback only, for tests and infra/run-local.
 * {@code token} mints a token with the same keys. Minting is a command run inside the container
 * ({@code docker compose exec}), never an HTTP endpoint: reaching the JWK set must not be enough to get a token.
 */
public final class IdentityProviderMain {

    public static final int DEFAULT_PORT = 9000;

    static final String USAGE = """
            usage: ledgerline-identity serve [--data <dir>] [--port 9000]
                   ledgerline-identity token --role <customer|service|operator|auditor> --sub <subject> \
            [--ttl 12h] [--alg RS256|ES256] [--issuer <iss>] [--audience <aud>] [--data <dir>]

              --data      folder of keys/signing-keys.json (default: $LEDGERLINE_DATA_DIR)
              --ttl       token lifetime: 90s, 30m, 12h, 7d or ISO-8601 (PT12H)
              --issuer    default: $LEDGERLINE_JWT_ISSUER, else ledgerline-local (what the services expect)
              --audience  default: $LEDGERLINE_JWT_AUDIENCE, else ledgerline""";

    enum Command { SERVE, TOKEN, HELP }

    /** {@code ledgerline-identity serve|token ...}, as picocli reads it. */
    @CommandLine.Command(name = "ledgerline-identity", subcommands = {ServeCommand.class, TokenCommand.class})
    static final class Spec {
        @CommandLine.Option(names = {"-h", "--help"}, arity = "0")
        boolean help;
    }

    @CommandLine.Command(name = "serve")
    static final class ServeCommand {
        @CommandLine.Option(names = "--data")
        String data;
        @CommandLine.Option(names = "--port")
        String port;
    }

    @CommandLine.Command(name = "token")
    static final class TokenCommand {
        @CommandLine.Option(names = "--data")
        String data;
        @CommandLine.Mixin
        TokenOptions token = new TokenOptions();
        @CommandLine.Option(names = "--issuer")
        String issuer;
        @CommandLine.Option(names = "--audience")
        String audience;
    }

    /** A parsed command line; the token members are null for {@code serve}. */
    record Options(Command command, Path data, int port, String role, String subject, Duration ttl,
                   JWSAlgorithm algorithm, String issuer, String audience) {

        /** Throws IllegalArgumentException with a message for the user on anything it does not understand. */
        static Options parse(List<String> args, Map<String, String> env) {
            if (args.isEmpty()) {
                throw new IllegalArgumentException("serve or token?");
            }
            if (args.get(0).equals("help")) {
                return new Options(Command.HELP, null, DEFAULT_PORT, null, null, null, null, null, null);
            }
            Spec spec = new Spec();
            CommandLine.ParseResult parsed = Cli.parse(spec, args);
            if (spec.help) {
                return new Options(Command.HELP, null, DEFAULT_PORT, null, null, null, null, null, null);
            }
            if (!parsed.hasSubcommand()) {
                throw new IllegalArgumentException("serve or token?");
            }
            Object command = parsed.subcommand().commandSpec().userObject();
            String data = command instanceof ServeCommand serve ? serve.data : ((TokenCommand) command).data;
            if (data == null) {
                data = env.get("LEDGERLINE_DATA_DIR");
            }
            if (data == null || data.isBlank()) {
                throw new IllegalArgumentException("no data folder: pass --data or set LEDGERLINE_DATA_DIR");
            }
            if (command instanceof ServeCommand serve) {
                int port = serve.port == null ? DEFAULT_PORT : port(serve.port);
                return new Options(Command.SERVE, Path.of(data), port, null, null, null, null, null, null);
            }
            TokenCommand token = (TokenCommand) command;
            RunLocalArgs.TokenRequest request = token.token.request();
            String issuer = token.issuer != null ? token.issuer
                    : env.getOrDefault("LEDGERLINE_JWT_ISSUER", TokenSpec.DEFAULT_ISSUER);
            String audience = token.audience != null ? token.audience
                    : env.getOrDefault("LEDGERLINE_JWT_AUDIENCE", TokenSpec.DEFAULT_AUDIENCE);
            return new Options(Command.TOKEN, Path.of(data), DEFAULT_PORT, request.role(), request.subject(),
                    request.ttl(), request.algorithm(), issuer, audience);
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("not a port: " + text);
        }
    }

    private IdentityProviderMain() {
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("ledgerline-identity: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        switch (options.command()) {
            case HELP -> System.out.println(USAGE);
            case TOKEN -> System.out.println(mint(options));
            case SERVE -> {
                JwksServer server = serve(options.data(), options.port());
                // the server's dispatcher thread keeps the JVM alive until SIGTERM
                System.out.println("ledgerline-identity: serving the JWK set of " + keysOf(options.data())
                        + " at http://0.0.0.0:" + server.port() + JwksServer.PATH);
            }
        }
    }

    /** Mints with the keys in the data folder, creating them if this is the first use. */
    static String mint(Options options) throws IOException {
        LocalTokens tokens = LocalTokens.loadOrCreate(keysOf(options.data()));
        return tokens.mint(TokenSpec.of(options.subject(), options.role(), options.ttl())
                .withAlgorithm(options.algorithm()).withIssuer(options.issuer()).withAudience(options.audience()));
    }

    /** Serves the public JWK set of the folder's keys (created if absent) on all interfaces; port 0 picks one. */
    static JwksServer serve(Path data, int port) throws IOException {
        LocalTokens tokens = LocalTokens.loadOrCreate(keysOf(data));
        return JwksServer.start(tokens.publicJwkSet(), new InetSocketAddress(port));
    }

    private static Path keysOf(Path data) {
        return new DataFolder(data).signingKeys();
    }
}
