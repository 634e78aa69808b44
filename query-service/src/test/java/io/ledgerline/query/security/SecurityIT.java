package io.ledgerline.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.ledgerline.contracts.Topics;
import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.testkit.events.Events;
import io.ledgerline.testkit.http.HttpApi;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The role table of PRODUCT.md §6 for reads, token validation, and ownership answered as 404. */
class SecurityIT extends IntegrationTestBase {

    private String owner;
    private AccountScript account;
    private String transferId;

    @BeforeEach
    void anAccountWithATransfer() {
        owner = id("owner");
        account = new AccountScript(id("acc"), owner, "EUR", someTime()).deposit("d1", 100);
        transferId = id("tr");
        send(account.all());
        send(EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 1,
                Events.requested(transferId, account.accountId(), "acc-elsewhere", 10, "EUR"), someTime()));
        awaitAccount(account.accountId(), 2);
        awaitTransfer(transferId, 1);
    }

    private Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("account", "/api/v1/accounts/" + account.accountId());
        endpoints.put("statement", "/api/v1/accounts/" + account.accountId() + "/transactions");
        endpoints.put("transfer", "/api/v1/transfers/" + transferId);
        endpoints.put("list", "/api/v1/accounts?ownerId=" + owner);
        endpoints.put("summary", "/api/v1/owners/" + owner + "/summary");
        endpoints.put("rebuild", "/api/v1/admin/projections/rebuild");
        return endpoints;
    }

    @Test
    void everyRoleGetsWhatTheRoleTableGrants() {
        Map<String, Map<String, Integer>> expected = Map.of(
                "customer", Map.of("account", 200, "statement", 200, "transfer", 200, "list", 200, "summary", 200,
                        "rebuild", 403),
                "service", Map.of("account", 200, "statement", 200, "transfer", 200, "list", 403, "summary", 403,
                        "rebuild", 403),
                "operator", Map.of("account", 200, "statement", 200, "transfer", 200, "list", 200, "summary", 200,
                        "rebuild", 200),
                "auditor", Map.of("account", 200, "statement", 200, "transfer", 200, "list", 200, "summary", 200,
                        "rebuild", 403));
        for (String role : List.of("customer", "service", "operator", "auditor")) {
            String token = token(role.equals("customer") ? owner : role + "-1", role);
            endpoints().forEach((name, path) -> {
                HttpApi.Response response = http.get(path, token);
                assertThat(response.status()).as("%s on %s: %s", role, name, response.body())
                        .isEqualTo(expected.get(role).get(name));
                if (response.status() == 403) {
                    assertProblem(response, 403, "forbidden");
                }
            });
        }
    }

    @Test
    void withoutATokenEveryReadIs401WithABearerChallenge() {
        endpoints().forEach((name, path) -> {
            HttpApi.Response response = http.get(path, null);
            assertProblem(response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).as(name).startsWith("Bearer");
        });
    }

    @Test
    void tokensThatFailValidationAre401() {
        Instant now = Instant.now();
        TokenSpec valid = TokenSpec.of("ops-1", "operator", Duration.ofMinutes(5));
        List<String> refused = List.of(
                TOKENS.mint(valid.withValidity(now.minusSeconds(3600), now.minusSeconds(600))),
                TOKENS.mint(valid.withValidity(now.plusSeconds(600), now.plusSeconds(3600))),
                TOKENS.mint(valid.withIssuer("someone-else")),
                TOKENS.mint(valid.withAudience("another-api")),
                LocalTokens.generate().mint(valid),
                "not.a.jwt");
        for (String token : refused) {
            assertProblem(http.get("/api/v1/accounts/" + account.accountId(), token), 401, "unauthorized");
        }
    }

    @Test
    void es256TokensAreAccepted() {
        String token = TOKENS.mint(TokenSpec.of("ops-1", "operator", Duration.ofMinutes(5))
                .withAlgorithm(JWSAlgorithm.ES256));

        assertThat(http.get("/api/v1/accounts/" + account.accountId(), token).status()).isEqualTo(200);
    }

    @Test
    void anotherOwnersResourcesReadAsNotFound() {
        String stranger = token(id("stranger"), "customer");

        assertProblem(http.get("/api/v1/accounts/" + account.accountId(), stranger), 404, "account-not-found");
        assertProblem(http.get("/api/v1/accounts/" + account.accountId() + "/transactions", stranger), 404,
                "account-not-found");
        // waits like a missing account would, then answers the same (ReadLimitsIT compares the two)
        assertProblem(http.get("/api/v1/accounts/" + account.accountId() + "?minVersion=1", stranger), 503,
                "projection-behind");
        assertProblem(http.get("/api/v1/transfers/" + transferId, stranger), 404, "transfer-not-found");
    }

    @Test
    void aCustomerListsAndSummarisesOnlyItself() {
        String customer = token(owner, "customer");

        HttpApi.Response own = http.get("/api/v1/accounts", customer);
        assertThat(own.json().path("items")).hasSize(1);
        assertThat(own.json().path("items").get(0).path("accountId").asText()).isEqualTo(account.accountId());
        assertProblem(http.get("/api/v1/accounts?ownerId=" + id("other"), customer), 403, "forbidden");
        assertProblem(http.get("/api/v1/owners/" + id("other") + "/summary", customer), 403, "forbidden");
    }

    @Test
    void rolesMayComeFromScopesAndUnknownRolesGrantNothing() {
        String scoped = TOKENS.mint(TokenSpec.of(owner, "none", Duration.ofMinutes(5)).withRoles(List.of())
                .withExtraClaims(Map.of("scope", "openid customer")));
        String unknownRole = token(owner, "superuser");

        assertThat(http.get("/api/v1/accounts/" + account.accountId(), scoped).status()).isEqualTo(200);
        assertProblem(http.get("/api/v1/accounts/" + account.accountId(), unknownRole), 403, "forbidden");
    }

    @Test
    void anOwnerIdOutsideTheIdPatternIsForbidden() {
        String token = TOKENS.mint(TokenSpec.of("not a valid id!", "operator", Duration.ofMinutes(5)));

        assertProblem(http.get("/api/v1/accounts/" + account.accountId(), token), 403, "forbidden");
    }

    @Test
    void operationalEndpointsNeedAnOperatorUnlessOpenedForLocalMode() {
        for (String path : List.of("/actuator/prometheus", "/v3/api-docs")) {
            assertProblem(http.get(path, null), 401, "unauthorized");
            assertProblem(http.get(path, token(owner, "customer")), 403, "forbidden");
            assertThat(http.get(path, operator()).status()).as(path).isEqualTo(200);
        }
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    }
}
