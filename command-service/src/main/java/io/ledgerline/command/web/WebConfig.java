package io.ledgerline.command.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final RateLimitProperties rateLimits;

    WebConfig(RateLimitProperties rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RateLimitInterceptor(rateLimits))
                .addPathPatterns("/api/v1/accounts", "/api/v1/accounts/**", "/api/v1/transfers");
    }
}
