package io.ledgerline.command.security;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Every command and admin endpoint for every role, no token included, and the ownership cases: PRODUCT.md §6's table,
 * checked cell by cell. A customer acting on another owner's account gets 404, a role lacking the operation 403.
 */
class AccessMatrixIT extends CommandServiceIT {

    private static final String NONE = null;

    @Value("${ledgerline.instance}")
    private String instance;

    /** Who calls, and what each endpoint must answer them. */
    private record Caller(String name, String token) {
    }

    private record Endpoint(String name, BiFunction<String, Fixture, Response> call) {
    }

    /** Fresh accounts for each cell: alice's (funded) and bob's. */
    private record Fixture(String alices, String bobs) {
    }

    private Fixture fixture() {
        return new Fixture(openAccount("alice", "EUR", 1000), openAccount("bob", "EUR", 1000));
    }

    @Test
    void everyRoleGetsExactlyWhatTheTableAllows() {
        List<Caller> callers = List.of(new Caller("none", NONE), new Caller("customer", CUSTOMER),
                new Caller("service", SERVICE), new Caller("operator", OPERATOR), new Caller("auditor", AUDITOR));
        List<Endpoint> endpoints = List.of(
                new Endpoint("open own account", (token, f) -> api.post("/api/v1/accounts", token,
                        json("ownerId", "alice", "currency", "EUR"))),
                new Endpoint("open for another owner", (token, f) -> api.post("/api/v1/accounts", token,
                        json("ownerId", "bob", "currency", "EUR"))),
                new Endpoint("open with overdraft", (token, f) -> api.post("/api/v1/accounts", token,
                        json("ownerId", "alice", "currency", "EUR", "overdraftLimit", 100))),
                new Endpoint("deposit", (token, f) -> api.post("/api/v1/accounts/" + f.alices() + "/deposits",
                        token, json("transactionId", unique("tx"), "amount", 1, "currency", "EUR"))),
                new Endpoint("withdraw own", (token, f) -> api.post("/api/v1/accounts/" + f.alices()
                        + "/withdrawals", token, json("transactionId", unique("tx"), "amount", 1, "currency", "EUR"))),
                new Endpoint("withdraw other's", (token, f) -> api.post("/api/v1/accounts/" + f.bobs()
                        + "/withdrawals", token, json("transactionId", unique("tx"), "amount", 1, "currency", "EUR"))),
                new Endpoint("transfer own", (token, f) -> api.post("/api/v1/transfers", token,
                        json("transferId", unique("t"), "sourceAccountId", f.alices(), "destinationAccountId",
                                f.bobs(), "amount", 1, "currency", "EUR"))),
                new Endpoint("transfer other's", (token, f) -> api.post("/api/v1/transfers", token,
                        json("transferId", unique("t"), "sourceAccountId", f.bobs(), "destinationAccountId",
                                f.alices(), "amount", 1, "currency", "EUR"))),
                new Endpoint("freeze", (token, f) -> api.post("/api/v1/accounts/" + f.alices() + "/freeze", token,
                        json("reason", "review"))),
                new Endpoint("unfreeze", (token, f) -> api.post("/api/v1/accounts/" + f.alices() + "/unfreeze",
                        token, json("reason", "cleared"))),
                new Endpoint("close", (token, f) -> api.post("/api/v1/accounts/" + f.alices() + "/close", token,
                        null)),
                new Endpoint("publication status", (token, f) -> api.get("/api/v1/admin/publication", token)),
                // from just after the publisher's position: re-publishes (almost) nothing, so other tests see no copies
                new Endpoint("republish", (token, f) -> api.post("/api/v1/admin/publication/republish", token,
                        json("fromPosition", publisherPosition() + 1))));
        Map<String, List<Integer>> expected = Map.ofEntries(
                // none, customer, service, operator, auditor
                Map.entry("open own account", List.of(401, 201, 201, 201, 403)),
                Map.entry("open for another owner", List.of(401, 403, 201, 201, 403)),
                Map.entry("open with overdraft", List.of(401, 403, 201, 201, 403)),
                Map.entry("deposit", List.of(401, 403, 200, 200, 403)),
                Map.entry("withdraw own", List.of(401, 200, 200, 200, 403)),
                Map.entry("withdraw other's", List.of(401, 404, 200, 200, 403)),
                Map.entry("transfer own", List.of(401, 202, 202, 202, 403)),
                Map.entry("transfer other's", List.of(401, 404, 202, 202, 403)),
                Map.entry("freeze", List.of(401, 403, 403, 200, 403)),
                Map.entry("unfreeze", List.of(401, 403, 403, 200, 403)),
                Map.entry("close", List.of(401, 403, 403, 422, 403)),
                Map.entry("publication status", List.of(401, 403, 403, 200, 403)),
                Map.entry("republish", List.of(401, 403, 403, 202, 403)));

        List<String> mismatches = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (int i = 0; i < callers.size(); i++) {
                Caller caller = callers.get(i);
                Fixture fixture = fixture();
                long before = storedEventsOfAccount(fixture.alices()) + storedEventsOfAccount(fixture.bobs());
                Response response = endpoint.call().apply(caller.token(), fixture);
                int want = expected.get(endpoint.name()).get(i);
                if (response.status() != want) {
                    mismatches.add(endpoint.name() + " as " + caller.name() + ": " + response);
                }
                if (want >= 400) {
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                    long after = storedEventsOfAccount(fixture.alices()) + storedEventsOfAccount(fixture.bobs());
                    assertThat(after).as("%s as %s appended events", endpoint.name(), caller.name())
                            .isEqualTo(before);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private long publisherPosition() {
        return api.get("/api/v1/admin/publication", OPERATOR).json().path("position").asLong();
    }

    @Test
    void anotherOwnersAccountIsAnsweredExactlyLikeAMissingOne() {
        String bobs = openAccount("bob", "EUR", 100);
        String missing = unique("acc");
        // a withdrawal: customers may not deposit at all (403 before any account is looked up)
        String body = json("transactionId", unique("tx"), "amount", 1, "currency", "EUR");
        Response theirs = api.post("/api/v1/accounts/" + bobs + "/withdrawals", CUSTOMER, body);
        Response absent = api.post("/api/v1/accounts/" + missing + "/withdrawals", CUSTOMER, body);
        assertThat(theirs.status()).isEqualTo(404).isEqualTo(absent.status());
        assertThat(theirs.code()).isEqualTo("account-not-found").isEqualTo(absent.code());
        assertThat(theirs.json().path("detail")).isEqualTo(absent.json().path("detail"));
        Response transferFromTheirs = api.post("/api/v1/transfers", CUSTOMER, json("transferId", unique("t"),
                "sourceAccountId", bobs, "destinationAccountId", missing, "amount", 1, "currency", "EUR"));
        assertThat(transferFromTheirs.code()).isEqualTo("account-not-found");
        assertThat(transferFromTheirs.json().path("detail").asText()).isEqualTo("account not found");
    }

    @Test
    void answersUnauthorizedAndForbiddenWithTheirCodes() {
        Response unauthorized = api.post("/api/v1/accounts", null, json("ownerId", "alice", "currency", "EUR"));
        assertThat(unauthorized.code()).isEqualTo("unauthorized");
        assertThat(unauthorized.header("WWW-Authenticate")).startsWith("Bearer");
        Response forbidden = api.post("/api/v1/accounts", AUDITOR, json("ownerId", "alice", "currency", "EUR"));
        assertThat(forbidden.code()).isEqualTo("forbidden");
    }

    @Test
    void keepsHealthOpenAndOperationalEndpointsClosedByDefault() {
        Response anonymous = api.get("/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().has("components")).as("no details for anonymous callers").isFalse();
        Response health = api.get("/actuator/health", OPERATOR);
        assertThat(health.json().path("components").path("instance").path("details").path("id").asText())
                .as("an operator sees which instance answered").isEqualTo(instance);
        assertThat(health.json().path("components").path("db").path("status").asText()).isEqualTo("UP");
        Response liveness = api.get("/actuator/health/liveness", null);
        assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
        Response readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", CUSTOMER).status()).isEqualTo(403);
        Response metrics = api.get("/actuator/prometheus", OPERATOR);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("ledger_processor_lag", "ledger_publication_latency", "ledger_commands",
                "http_server_requests");
        assertThat(api.get("/v3/api-docs", OPERATOR).status()).isEqualTo(200);
    }

    @Test
    void sendsSecurityHeaders() {
        Response response = api.post("/api/v1/accounts", SERVICE, json("ownerId", "alice", "currency", "EUR"));
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }
}
