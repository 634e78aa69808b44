package io.ledgerline.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;


class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final List<String> verified = new ArrayList<>();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Verifies like the real decoder would: tokens expire an hour after NOW; "bad" never verifies. */
    private final JwtDecoder delegate = token -> {
        verified.add(token);
        if (token.startsWith("bad") || !now.isBefore(NOW.plusSeconds(3600))) {
            throw new BadJwtException("invalid");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(3600)).build();
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, 100, Duration.ofMinutes(5), clock);

    @Test
    void verifiesTheSameTokenOnce() {
        assertThat(decoder.decode("token-a").getSubject()).isEqualTo("alice");
        assertThat(decoder.decode("token-a").getSubject()).isEqualTo("alice");
        assertThat(verified).containsExactly("token-a");
    }

    @Test
    void verifiesATokenThatDiffersInAnyByteAfresh() {
        decoder.decode("token-a");
        decoder.decode("token-b");
        assertThat(verified).containsExactly("token-a", "token-b");
    }

    @Test
    void neverServesATokenPastItsExpiry() {
        decoder.decode("token-a");
        now = NOW.plusSeconds(3600);
        assertThatThrownBy(() -> decoder.decode("token-a")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("token-a", "token-a");
    }

    @Test
    void doesNotRememberFailures() {
        assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("bad-token", "bad-token");
    }
}
