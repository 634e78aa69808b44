package io.ledgerline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.ledgerline.local.RoleTokens.RoleToken;
import io.ledgerline.testkit.tokens.LocalTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleTokensTest {

    private final List<RoleToken> tokens = RoleTokens.mint(LocalTokens.generate(), Duration.ofHours(12));

    @Test
    void oneTokenPerRoleAndASecondCustomer() throws Exception {
        assertThat(tokens).extracting(RoleToken::variable, RoleToken::role, RoleToken::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple("TOKEN_CUSTOMER", "customer", "alice"),
                org.assertj.core.groups.Tuple.tuple("TOKEN_CUSTOMER_BOB", "customer", "bob"),
                org.assertj.core.groups.Tuple.tuple("TOKEN_SERVICE", "service", "payments-service"),
                org.assertj.core.groups.Tuple.tuple("TOKEN_OPERATOR", "operator", "ops"),
                org.assertj.core.groups.Tuple.tuple("TOKEN_AUDITOR", "auditor", "audit"));
        var claims = SignedJWT.parse(tokens.get(2).token()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("payments-service");
        assertThat(claims.getStringListClaim("roles")).containsExactly("service");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(12));
    }

    @Test
    void envFileExportsEachTokenAndUrlForTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens.env");

        RoleTokens.writeEnvFile(file, tokens, Map.of("COMMAND_URL", "http://127.0.0.1:8081"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).contains("export TOKEN_CUSTOMER='" + tokens.get(0).token() + "'",
                "export TOKEN_AUDITOR='" + tokens.get(4).token() + "'",
                "export COMMAND_URL='http://127.0.0.1:8081'");
        assertThat(lines).filteredOn(l -> l.startsWith("export ")).hasSize(6);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
