package io.ledgerline.command.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits command requests per principal (Bucket4j token buckets, one per principal, forgotten after ten idle
 * minutes). Runs before the body is read, so a flood costs little. 429 with Retry-After in whole seconds.
 */
class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    RateLimitInterceptor(RateLimitProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!properties.enabled() || !"POST".equals(request.getMethod())) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String principal = authentication == null ? "anonymous" : authentication.getName();
        ConsumptionProbe probe = buckets.get(principal, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        throw new ApiProblemException(Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "too many commands; retry after " + retryAfter + " s"),
                Map.of(HttpHeaders.RETRY_AFTER, List.of(Long.toString(retryAfter))));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(properties.burst())
                        .refillGreedy(properties.perSecond(), Duration.ofSeconds(1)).build())
                .build();
    }
}
