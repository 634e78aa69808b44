package io.ledgerline.query.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.ledgerline.query.ReadLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Comparator;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits reads per principal (Bucket4j token buckets, one per principal, forgotten after ten idle minutes), sized
 * by the principal's most generous role ({@link ReadLimits}). Over it: 429 {@code rate-limited} with Retry-After
 * in whole seconds. One principal's flood spends its own bucket only.
 */
class ReadRateLimiter implements HandlerInterceptor {

    private static final String ROLE_PREFIX = "ROLE_";

    private final ReadLimits limits;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    ReadRateLimiter(ReadLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!limits.enabled()) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return true; // the security chain answered 401 already
        }
        ConsumptionProbe probe = buckets.get(authentication.getName(), name -> newBucket(authentication))
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        throw new RetryLaterException(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED,
                "Too many reads; retry after " + retryAfter + " s.", Duration.ofSeconds(retryAfter));
    }

    private Bucket newBucket(Authentication authentication) {
        ReadLimits.Rate rate = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> limits.roles().get(authority.substring(ROLE_PREFIX.length())))
                .filter(java.util.Objects::nonNull)
                .max(Comparator.comparingLong(ReadLimits.Rate::perSecond))
                .orElse(limits.perPrincipal());
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate.burst())
                        .refillGreedy(rate.perSecond(), Duration.ofSeconds(1)).build())
                .build();
    }
}
