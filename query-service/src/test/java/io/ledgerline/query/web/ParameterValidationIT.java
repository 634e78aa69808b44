package io.ledgerline.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.testkit.http.HttpApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad parameters are 400 validation-failed naming the field; nothing a client sends reaches MongoDB raw. */
class ParameterValidationIT extends IntegrationTestBase {

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void assertInvalid(String path, String field) {
        HttpApi.Response response = http.get(path, operator());
        assertProblem(response, 400, "validation-failed");
        assertThat(response.json().path("errors").get(0).path("field").asText()).as(path).isEqualTo(field);
        assertThat(response.json().path("errors").get(0).path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void idsOutsideThePatternAreRefused() {
        for (String bad : List.of("-starts-with-dash", "has space", "x".repeat(65), "{\"$gt\":\"\"}", "$where")) {
            String id = enc(bad);
            assertInvalid("/api/v1/accounts/" + id, "accountId");
            assertInvalid("/api/v1/accounts/" + id + "/transactions", "accountId");
            assertInvalid("/api/v1/transfers/" + id, "transferId");
            assertInvalid("/api/v1/owners/" + id + "/summary", "ownerId");
            assertInvalid("/api/v1/accounts?ownerId=" + id, "ownerId");
        }
    }

    @Test
    void limitMustBeAnIntegerFrom1To200() {
        for (String bad : List.of("0", "201", "abc", "-5", "1e3")) {
            assertInvalid("/api/v1/accounts?limit=" + bad, "limit");
            assertInvalid("/api/v1/accounts/acc-1/transactions?limit=" + bad, "limit");
        }
        assertThat(http.get("/api/v1/accounts?limit=200", operator()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/accounts?limit=1", operator()).status()).isEqualTo(200);
    }

    @Test
    void statusMustBeOneOfTheAccountStatuses() {
        assertInvalid("/api/v1/accounts?status=open", "status");
        assertInvalid("/api/v1/accounts?status=" + enc("{\"$ne\":null}"), "status");
    }

    @Test
    void garbageCursorsAreRefused() {
        for (String bad : List.of("garbage", "a.b", "..", "x".repeat(250), "{\"$gt\":\"\"}")) {
            assertInvalid("/api/v1/accounts?cursor=" + enc(bad), "cursor");
            assertInvalid("/api/v1/accounts/acc-1/transactions?cursor=" + enc(bad), "cursor");
        }
    }

    @Test
    void datesMustBeRfc3339AndFromBeforeTo() {
        String path = "/api/v1/accounts/acc-1/transactions";
        assertInvalid(path + "?from=yesterday", "from");
        assertInvalid(path + "?from=2026-11-27", "from");
        assertInvalid(path + "?to=2026-11-27T10:15:30", "to");
        assertInvalid(path + "?to=2026-13-27T10:15:30Z", "to");
        assertInvalid(path + "?from=2026-11-27T10:00:00Z&to=2026-11-27T10:00:00Z", "to");
        assertInvalid(path + "?from=2026-11-28T10:00:00Z&to=2026-11-27T10:00:00Z", "to");
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        assertProblem(http.get("/api/v1/nothing-here", operator()), 404, "not-found");
        assertProblem(http.send("DELETE", "/api/v1/accounts/acc-1", operator(), null), 405, "method-not-allowed");
        assertProblem(http.get("/api/v1/accounts?limit=1", operator(), "Accept", "application/xml"), 406,
                "not-acceptable");
    }

    @Test
    void theCorrelationIdIsEchoedWhenWellFormedAndReplacedOtherwise() {
        HttpApi.Response echoed = http.get("/api/v1/accounts?limit=1", operator(), "X-Correlation-Id", "req-123");
        HttpApi.Response replaced = http.get("/api/v1/accounts?limit=1", operator(), "X-Correlation-Id", "bad id!");
        HttpApi.Response generated = http.get("/api/v1/accounts?limit=1", null);

        assertThat(echoed.header("X-Correlation-Id")).isEqualTo("req-123");
        assertThat(replaced.header("X-Correlation-Id")).isNotEqualTo("bad id!").matches("[0-9a-f-]{36}");
        assertThat(generated.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
    }
}
