package io.ledgerline.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.contracts.Currencies;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/**
 * Throws thousands of generated malformed and hostile requests at every command endpoint: every one must be
 * refused with a 4xx problem (never a 5xx, never a success), without internals in the body, and no account may
 * change. Requests are generated from a seed (printed, and settable with -Dledgerline.fuzz.seed) so a failure
 * can be replayed. Leaf values come from jqwik's generators; the structure is mutated here.
 */
class HostileInputFuzzIT extends CommandServiceIT {

    private static final int REQUESTS = Integer.getInteger("ledgerline.fuzz.requests", 3000);

    private final Arbitrary<String> nastyStrings = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(80),
            Arbitraries.strings().withChars("{}[]\"'\\$:;,.<>/%&|`\u0000\u202e\uffff ").ofMaxLength(40),
            Arbitraries.of("{\"$gt\":\"\"}", "$where", "{\"$ne\":null}", "'; drop table domainevententry; --",
                    "../../etc/passwd", "<script>alert(1)</script>", "%00", "\u0000", "${jndi:ldap://x/a}",
                    "a".repeat(65), "", " ", "-leading", "ünïcödé", "\ud83d\udcb8"));

    private final Arbitrary<String> invalidIds = nastyStrings.filter(s -> !LedgerLimits.isValidId(s));

    private final Arbitrary<String> invalidCurrencies = Arbitraries.oneOf(nastyStrings,
            Arbitraries.of("eur", "XAU", "XXX", "EURO", "€", "US D")).filter(s -> !Currencies.isSupported(s));

    /** Every value here is invalid JSON or an invalid amount (1 ≤ amount ≤ 10^15, an integer). */
    private final Arbitrary<String> nastyNumbers = Arbitraries.of("0", "-1", "1.5", "1e3", "1E400",
            "1000000000000001", "99999999999999999999999999", "-9223372036854775809", "NaN", "Infinity", "\"1\"",
            "true", "null", "[]", "{}", "0x10", "007", "--1");

    private record Mutation(String name, Function<Random, String> body) {
    }

    @Test
    void refusesEveryHostileRequestWithoutChangingAnAccount() {
        String alices = openAccount("alice", "EUR", 1000);
        String bobs = openAccount("bob", "EUR", 1000);
        long eventsBefore = storedEventsOfAccount(alices) + storedEventsOfAccount(bobs);
        long accountsBefore = openedAccounts();
        long seed = Long.getLong("ledgerline.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);

        List<String> paths = List.of("/api/v1/accounts", "/api/v1/accounts/" + alices + "/deposits",
                "/api/v1/accounts/" + alices + "/withdrawals", "/api/v1/accounts/" + alices + "/freeze",
                "/api/v1/accounts/" + alices + "/unfreeze", "/api/v1/transfers");
        List<String> tokens = List.of(OPERATOR, SERVICE, CUSTOMER);
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < REQUESTS; i++) {
            int dice = random.nextInt(100);
            Response response;
            String kind;
            if (dice < 70) {
                String path = paths.get(random.nextInt(paths.size()));
                Mutation mutation = mutations(path, alices, bobs).get(random.nextInt(mutations(path, alices, bobs).size()));
                kind = "body:" + mutation.name();
                String token = path.endsWith("freeze") ? OPERATOR : tokens.get(random.nextInt(tokens.size()));
                response = api.post(path, token, mutation.body().apply(random), headers(random));
            } else if (dice < 85) {
                kind = "path";
                String id = pathSegment(random);
                String suffix = List.of("/deposits", "/withdrawals", "/freeze", "/unfreeze", "/close")
                        .get(random.nextInt(5));
                response = api.post("/api/v1/accounts/" + id + suffix, OPERATOR,
                        "{\"transactionId\":\"t\",\"amount\":1,\"currency\":\"EUR\",\"reason\":\"r\"}");
            } else if (dice < 93) {
                kind = "token";
                response = api.post("/api/v1/accounts/" + alices + "/deposits", badToken(random),
                        "{\"transactionId\":\"t\",\"amount\":1,\"currency\":\"EUR\"}");
            } else {
                kind = "media-type";
                response = api.post("/api/v1/transfers", SERVICE, "transferId=x&amount=1", "Content-Type",
                        List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x", "application/json; charset=ebcdic")
                                .get(random.nextInt(5)));
            }
            kinds.merge(kind, 1, Integer::sum);
            boolean refused = response.status() >= 400 && response.status() < 500;
            boolean leaks = response.body() != null && (response.body().contains("Exception")
                    || response.body().contains("\tat ") || response.body().contains("org.postgresql"));
            if (!refused || leaks) {
                failures.add(kind + " -> " + response);
            }
        }
        System.out.printf("fuzz (seed %d): %d requests by kind %s%n", seed, REQUESTS, kinds);
        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(storedEventsOfAccount(alices) + storedEventsOfAccount(bobs)).isEqualTo(eventsBefore);
        assertThat(openedAccounts()).isEqualTo(accountsBefore);
    }

    private List<Mutation> mutations(String path, String alices, String bobs) {
        Map<String, Object> valid = validBody(path, alices, bobs);
        List<Mutation> mutations = new ArrayList<>();
        for (String field : valid.keySet()) {
            mutations.add(new Mutation("drop " + field, r -> render(without(valid, field))));
            mutations.add(new Mutation("nested object in " + field,
                    r -> render(with(valid, field, "{\"$gt\":" + quoted(nastyStrings.sample()) + "}"))));
            mutations.add(new Mutation("array in " + field, r -> render(with(valid, field, "[" + valid.get(field) + "]"))));
            switch (typeOf(field)) {
                case "id" -> mutations.add(new Mutation("hostile string in " + field,
                        r -> render(with(valid, field, quoted(invalidIds.sample())))));
                case "currency" -> mutations.add(new Mutation("hostile string in " + field,
                        r -> render(with(valid, field, quoted(invalidCurrencies.sample())))));
                case "amount" -> mutations.add(new Mutation("bad number in " + field,
                        r -> render(with(valid, field, nastyNumbers.sample()))));
                default -> mutations.add(new Mutation("too long " + field,
                        r -> render(with(valid, field, quoted(nastyStrings.sample() + "x".repeat(141))))));
            }
            if (!typeOf(field).equals("amount")) {
                mutations.add(new Mutation("number in " + field, r -> render(with(valid, field,
                        List.of("1", "0", "-1", "true", "1.5").get(r.nextInt(5))))));
            }
        }
        mutations.add(new Mutation("unknown field", r -> render(with(valid, nastyKey(r), "1"))));
        mutations.add(new Mutation("duplicate key", r -> {
            String first = valid.keySet().iterator().next();
            return render(valid).replaceFirst("\\{", "{\"" + first + "\":\"dup\",");
        }));
        mutations.add(new Mutation("truncated", r -> {
            String body = render(valid);
            return body.substring(0, r.nextInt(body.length()));
        }));
        mutations.add(new Mutation("trailing garbage", r -> render(valid) + nastyStrings.sample() + "}"));
        mutations.add(new Mutation("not an object", r -> List.of("[]", "null", "42", "\"x\"", "true")
                .get(r.nextInt(5))));
        mutations.add(new Mutation("deep nesting", r -> "[".repeat(5000) + "]".repeat(5000)));
        mutations.add(new Mutation("huge", r -> render(with(valid, valid.keySet().iterator().next(),
                quoted("x".repeat(20_000 + r.nextInt(50_000)))))));
        mutations.add(new Mutation("random bytes", r -> {
            byte[] bytes = new byte[1 + r.nextInt(200)];
            r.nextBytes(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }));
        return mutations;
    }

    /** A valid body for the path; every mutation of it above makes it invalid. */
    private static Map<String, Object> validBody(String path, String alices, String bobs) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (path.equals("/api/v1/accounts")) {
            body.put("ownerId", "\"alice\"");
            body.put("currency", "\"EUR\"");
        } else if (path.endsWith("/deposits") || path.endsWith("/withdrawals")) {
            body.put("transactionId", "\"t-1\"");
            body.put("amount", "5");
            body.put("currency", "\"EUR\"");
        } else if (path.endsWith("freeze")) {
            body.put("reason", "\"review\"");
        } else {
            body.put("transferId", "\"t-1\"");
            body.put("sourceAccountId", "\"" + alices + "\"");
            body.put("destinationAccountId", "\"" + bobs + "\"");
            body.put("amount", "5");
            body.put("currency", "\"EUR\"");
        }
        return body;
    }

    private static String typeOf(String field) {
        if (field.endsWith("Id")) {
            return "id";
        }
        return switch (field) {
            case "currency" -> "currency";
            case "amount" -> "amount";
            default -> "text";
        };
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, String rawValue) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, rawValue);
        return copy;
    }

    private static String render(Map<String, Object> body) {
        StringBuilder json = new StringBuilder("{");
        body.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append(quoted(key)).append(':')
                .append(value));
        return json.append('}').toString();
    }

    private static String quoted(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String nastyKey(Random random) {
        return List.of("$where", "__proto__", "constructor", "isAdmin", "ownerId ", "AMOUNT", "overdraft")
                .get(random.nextInt(7));
    }

    private String[] headers(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new String[] {"Idempotency-Key", "bad key " + nastyStrings.sample().replaceAll("[^\\x21-\\x7e]", "")};
            case 3 -> new String[] {"Idempotency-Key", "k".repeat(256)};
            case 1 -> new String[] {"Prefer", "respond-async"};
            case 2 -> new String[] {"X-Correlation-Id", "{\"$gt\":\"\"}"};
            default -> new String[0];
        };
    }

    private String pathSegment(Random random) {
        return List.of("%00", "..%2F..%2Fadmin", "%7B%22%24gt%22%3A%22%22%7D", "a%20b", "-x", "%E2%80%AE",
                "x".repeat(65), "%25", "a;b", "%5C").get(random.nextInt(10));
    }

    private String badToken(Random random) {
        String valid = SERVICE;
        return switch (random.nextInt(4)) {
            case 0 -> nastyStrings.sample().replaceAll("[^\\x21-\\x7e]", "x") + "x";
            case 1 -> valid.substring(0, valid.length() - 1 - random.nextInt(10));
            case 2 -> "eyJhbGciOiJub25lIn0." + valid.split("\\.")[1] + ".";
            default -> valid.replace('.', '_');
        };
    }

    private long openedAccounts() {
        return jdbc.queryForObject("select count(*) from domainevententry where payloadtype like '%AccountOpened'",
                Long.class);
    }
}
