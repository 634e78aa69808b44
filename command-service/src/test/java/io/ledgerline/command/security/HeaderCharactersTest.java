package io.ledgerline.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class HeaderCharactersTest {

    @Test
    void allowsAndRefusesExactlyTheCharactersTheFirewallsOwnRulesDo() {
        List<String> samples = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            samples.add("a" + Character.toString(codePoint) + "b");
        }
        samples.add("\uD800"); // a lone high surrogate
        samples.add("x\uDC00y"); // a lone low surrogate
        samples.add("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        samples.add("");

        List<String> differences = new ArrayList<>();
        for (String sample : samples) {
            if (HeaderCharacters.isAllowedName(sample) != StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(sample)) {
                differences.add("name " + codePoints(sample));
            }
            if (HeaderCharacters.isAllowedValue(sample) != StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(sample)) {
                differences.add("value " + codePoints(sample));
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void refusesControlCharactersButAllowsATabInAValue() {
        assertThat(HeaderCharacters.isAllowedValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.isAllowedName("a\tb")).isFalse();
        assertThat(HeaderCharacters.isAllowedValue("a\r\nSet-Cookie: x")).isFalse();
        assertThat(HeaderCharacters.isAllowedValue("a\u0000")).isFalse();
    }

    private static String codePoints(String text) {
        return text.codePoints().mapToObj(Integer::toHexString).toList().toString();
    }
}
