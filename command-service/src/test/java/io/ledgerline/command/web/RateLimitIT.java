package io.ledgerline.command.web;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.testkit.http.HttpApi.Response;
import io.ledgerline.testkit.postgres.LocalPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Command endpoints are limited per principal: 429 with Retry-After once the bucket is empty. */
@TestPropertySource(properties = {"ledgerline.web.rate-limit.enabled=true", "ledgerline.web.rate-limit.burst=5",
        "ledgerline.web.rate-limit.per-second=1"})
class RateLimitIT extends CommandServiceIT {

    /** A context of its own (other properties), so a database of its own: see {@link #OWN_DATABASE}. */
    private static final LocalPostgres OWN_POSTGRES = LocalPostgres.ephemeral();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add(OWN_DATABASE, OWN_POSTGRES::jdbcUrl);
    }

    @Test
    void limitsEachPrincipalSeparately() {
        String flooder = token("flooder", "service");
        List<Response> responses = new ArrayList<>();
        // Invalid bodies answer in a few milliseconds, but each still costs a token: the limit runs first.
        for (int i = 0; i < 12; i++) {
            responses.add(api.post("/api/v1/accounts", flooder, "{}"));
        }
        Response limited = responses.get(responses.size() - 1);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 5);
        assertThat(responses.stream().filter(r -> r.status() == 400)).hasSizeBetween(5, 7);

        String bystander = token("bystander", "service");
        assertThat(api.post("/api/v1/accounts", bystander, json("ownerId", "x", "currency", "EUR")).status())
                .isEqualTo(201);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }
}
