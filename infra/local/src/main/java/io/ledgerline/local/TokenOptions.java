package io.ledgerline.local;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The options that describe a token to mint, shared (as a picocli mixin) by {@code infra/run-local token} and
 * {@code ledgerline-identity token}: {@code --role <role> --sub <subject> [--ttl 12h] [--alg RS256|ES256]}.
 */
public final class TokenOptions {

    @CommandLine.Option(names = "--role")
    String role;
    @CommandLine.Option(names = "--sub")
    String subject;
    @CommandLine.Option(names = "--ttl")
    String ttl;
    @CommandLine.Option(names = "--alg")
    String algorithm;

    /** Whether any of the options was given (they belong to a token command only). */
    boolean given() {
        return role != null || subject != null || ttl != null || algorithm != null;
    }

    /** The token asked for; throws IllegalArgumentException naming what is missing or wrong. */
    public RunLocalArgs.TokenRequest request() {
        if (role == null || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("token needs --role and --sub");
        }
        if (!RunLocalArgs.ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role
                    + "'; one of customer, service, operator, auditor");
        }
        Duration lifetime = ttl == null ? RunLocalArgs.DEFAULT_TTL : RunLocalArgs.duration(ttl);
        JWSAlgorithm alg = algorithm == null ? JWSAlgorithm.RS256 : RunLocalArgs.algorithm(algorithm);
        return new RunLocalArgs.TokenRequest(role, subject, lifetime, alg);
    }
}
