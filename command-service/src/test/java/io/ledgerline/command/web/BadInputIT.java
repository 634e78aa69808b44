package io.ledgerline.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to every endpoint is a 4xx problem+json with a stable code, never a 5xx, and appends nothing.
 */
class BadInputIT extends CommandServiceIT {

    private static final String ACCOUNT = "bad-input-target";

    @BeforeEach
    void ensureTargetAccount() {
        if (storedEventsOfAccount(ACCOUNT) == 0) {
            api.post("/api/v1/accounts", SERVICE,
                    "{\"accountId\":\"" + ACCOUNT + "\",\"ownerId\":\"alice\",\"currency\":\"EUR\"}");
        }
    }

    static Stream<Arguments> badBodies() {
        String deposits = "/api/v1/accounts/" + ACCOUNT + "/deposits";
        String withdrawals = "/api/v1/accounts/" + ACCOUNT + "/withdrawals";
        String open = "/api/v1/accounts";
        String transfers = "/api/v1/transfers";
        String freeze = "/api/v1/accounts/" + ACCOUNT + "/freeze";
        return Stream.of(
                Arguments.of("malformed JSON", deposits, "{\"transactionId\":", 400),
                Arguments.of("not an object", deposits, "[1,2,3]", 400),
                Arguments.of("empty body", deposits, "", 400),
                Arguments.of("trailing data", deposits, tx("t1", "1", "\"EUR\"") + "{}", 400),
                Arguments.of("duplicate key", deposits,
                        "{\"transactionId\":\"a\",\"transactionId\":\"b\",\"amount\":1,\"currency\":\"EUR\"}", 400),
                Arguments.of("unknown field", deposits,
                        "{\"transactionId\":\"a\",\"amount\":1,\"currency\":\"EUR\",\"admin\":true}", 400),
                Arguments.of("missing amount", deposits, "{\"transactionId\":\"a\",\"currency\":\"EUR\"}", 400),
                Arguments.of("missing transaction id", deposits, "{\"amount\":1,\"currency\":\"EUR\"}", 400),
                Arguments.of("amount as string", deposits, tx("a", "\"100\"", "\"EUR\""), 400),
                Arguments.of("amount as float", deposits, tx("a", "1.5", "\"EUR\""), 400),
                Arguments.of("zero amount", deposits, tx("a", "0", "\"EUR\""), 400),
                Arguments.of("negative amount", deposits, tx("a", "-5", "\"EUR\""), 400),
                Arguments.of("amount above 10^15", withdrawals, tx("a", "1000000000000001", "\"EUR\""), 400),
                Arguments.of("amount overflowing long", deposits, tx("a", "99999999999999999999999", "\"EUR\""), 400),
                Arguments.of("lower-case currency", deposits, tx("a", "1", "\"eur\""), 400),
                Arguments.of("unknown currency", deposits, tx("a", "1", "\"XAU\""), 400),
                Arguments.of("currency as number", deposits, tx("a", "1", "978"), 400),
                Arguments.of("bad transaction id", deposits, tx("-bad", "1", "\"EUR\""), 400),
                Arguments.of("id too long", deposits, tx("a".repeat(65), "1", "\"EUR\""), 400),
                Arguments.of("operator-like id", deposits, tx("{\\\"$gt\\\":\\\"\\\"}", "1", "\"EUR\""), 400),
                Arguments.of("description too long", deposits,
                        "{\"transactionId\":\"a\",\"amount\":1,\"currency\":\"EUR\",\"description\":\""
                                + "x".repeat(141) + "\"}", 400),
                Arguments.of("null transaction id", deposits,
                        "{\"transactionId\":null,\"amount\":1,\"currency\":\"EUR\"}", 400),
                Arguments.of("open without owner", open, "{\"currency\":\"EUR\"}", 400),
                Arguments.of("open with negative overdraft", open,
                        "{\"ownerId\":\"alice\",\"currency\":\"EUR\",\"overdraftLimit\":-1}", 400),
                Arguments.of("open with bad account id", open,
                        "{\"accountId\":\"a b\",\"ownerId\":\"alice\",\"currency\":\"EUR\"}", 400),
                Arguments.of("freeze without reason", freeze, "{}", 400),
                Arguments.of("freeze with empty reason", freeze, "{\"reason\":\"\"}", 400),
                Arguments.of("freeze with long reason", freeze, "{\"reason\":\"" + "r".repeat(141) + "\"}", 400),
                Arguments.of("transfer to itself", transfers,
                        "{\"transferId\":\"t\",\"sourceAccountId\":\"a\",\"destinationAccountId\":\"a\","
                                + "\"amount\":1,\"currency\":\"EUR\"}", 400),
                Arguments.of("transfer without destination", transfers,
                        "{\"transferId\":\"t\",\"sourceAccountId\":\"a\",\"amount\":1,\"currency\":\"EUR\"}", 400));
    }

    private static String tx(String id, String amount, String currency) {
        return "{\"transactionId\":\"" + id + "\",\"amount\":" + amount + ",\"currency\":" + currency + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void refusesBadBodiesWithAProblemAndChangesNothing(String name, String path, String body, int status) {
        String token = path.endsWith("/freeze") ? OPERATOR : SERVICE;
        long before = storedEventsOfAccount(ACCOUNT);
        Response response = api.post(path, token, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("validation-failed");
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.", "SQL");
        assertThat(storedEventsOfAccount(ACCOUNT)).isEqualTo(before);
    }

    @Test
    void namesTheOffendingFields() {
        Response response = api.post("/api/v1/accounts/" + ACCOUNT + "/deposits", SERVICE,
                "{\"transactionId\":\"-x\",\"amount\":0,\"currency\":\"eur\"}");
        assertThat(response.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("amount", "currency", "transactionId");
    }

    @Test
    void namesAnUnknownField() {
        Response response = api.post("/api/v1/accounts/" + ACCOUNT + "/deposits", SERVICE,
                "{\"transactionId\":\"a\",\"amount\":1,\"currency\":\"EUR\",\"isAdmin\":true}");
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly("isAdmin");
    }

    @Test
    void refusesABadPathId() {
        Response response = api.post("/api/v1/accounts/bad%20id/deposits", SERVICE, tx("a", "1", "\"EUR\""));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation-failed");
    }

    @Test
    void refusesAnotherMediaType() {
        Response response = api.post("/api/v1/accounts/" + ACCOUNT + "/deposits", SERVICE, "transactionId=a",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("unsupported-media-type");
    }

    @Test
    void refusesAnOversizedBody() {
        String huge = "{\"transactionId\":\"a\",\"amount\":1,\"currency\":\"EUR\",\"description\":\""
                + "x".repeat(64 * 1024) + "\"}";
        Response response = api.post("/api/v1/accounts/" + ACCOUNT + "/deposits", SERVICE, huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.code()).isEqualTo("payload-too-large");
    }

    @Test
    void answersUnknownRoutesAndMethodsWithProblems() {
        Response unknown = api.get("/api/v1/nothing-here", SERVICE);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not-found");
        Response method = api.send("DELETE", "/api/v1/transfers", OPERATOR, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.code()).isEqualTo("method-not-allowed");
    }

    @Test
    void refusesAnInvalidIdempotencyKey() {
        Response response = api.post("/api/v1/accounts/" + ACCOUNT + "/deposits", SERVICE, tx("k1", "1", "\"EUR\""),
                "Idempotency-Key", "x".repeat(300));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation-failed");
        assertThat(List.of(storedEventsOfAccount(ACCOUNT))).containsExactly(1L);
    }
}
