package io.ledgerline.local;

import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The ready-to-use tokens {@code infra/run-local} prints, one per role (two customers, to try another owner's
 * account), and {@code tokens.env}, which README examples {@code source} before calling curl.
 */
public final class RoleTokens {

    /** One printed token; {@code variable} is its name in tokens.env. */
    public record RoleToken(String variable, String role, String subject, String token) {
    }

    private record Starter(String variable, String role, String subject) {
    }

    private static final List<Starter> STARTERS = List.of(
            new Starter("TOKEN_CUSTOMER", "customer", "alice"),
            new Starter("TOKEN_CUSTOMER_BOB", "customer", "bob"),
            new Starter("TOKEN_SERVICE", "service", "payments-service"),
            new Starter("TOKEN_OPERATOR", "operator", "ops"),
            new Starter("TOKEN_AUDITOR", "auditor", "audit"));

    private RoleTokens() {
    }

    public static List<RoleToken> mint(LocalTokens tokens, Duration ttl) {
        return STARTERS.stream()
                .map(s -> new RoleToken(s.variable(), s.role(), s.subject(),
                        tokens.mint(TokenSpec.of(s.subject(), s.role(), ttl))))
                .toList();
    }

    /**
     * Writes {@code export NAME='value'} lines: the tokens, then {@code variables} (the service URLs). Readable by
     * the owner only, since the tokens are credentials for as long as they are valid.
     */
    public static void writeEnvFile(Path file, List<RoleToken> tokens, Map<String, String> variables)
            throws IOException {
        StringBuilder out = new StringBuilder("# Written by infra/run-local; `source` it. Tokens expire; a restart "
                + "writes fresh ones.\n");
        tokens.forEach(t -> out.append(export(t.variable(), t.token())));
        variables.forEach((name, value) -> out.append(export(name, value)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, out);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions apply
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String export(String name, String value) {
        return "export " + name + "='" + value.replace("'", "'\\''") + "'\n";
    }
}
