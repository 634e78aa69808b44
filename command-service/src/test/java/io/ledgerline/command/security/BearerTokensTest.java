package io.ledgerline.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerTokensTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/";

    @Test
    void resolvesAndRefusesExactlyWhatSpringsDefaultResolverDoes() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN,
                "Bearer " + TOKEN + "==", "Bearer " + TOKEN + "=x", "Bearer ==", "Bearer ", "Bearer", "Bearerx",
                "Bearer  " + TOKEN, "Bearer " + TOKEN + " ", "Basic dXNlcjpwYXNz", "bearer\t" + TOKEN, "",
                "Bearer tok\u00e9n", "Bearer \u212aelvin"));
        for (char c = 0; c < 256; c++) {
            headers.add("Bearer a" + c + "b");
        }
        headers.add(null);

        List<String> differences = new ArrayList<>();
        for (String header : headers) {
            String expected = outcome(new DefaultBearerTokenResolver(), header);
            String actual = outcome(new BearerTokens(), header);
            if (!Objects.equals(expected, actual)) {
                differences.add(header + ": expected " + expected + ", was " + actual);
            }
        }
        assertThat(differences).isEmpty();
        assertThat(outcome(new BearerTokens(), "Bearer " + TOKEN)).isEqualTo("token " + TOKEN);
        assertThat(outcome(new BearerTokens(), "Bearer a b")).startsWith("refused");
    }

    private static String outcome(BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/accounts");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return "token " + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
