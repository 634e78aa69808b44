package io.ledgerline.query.web;

import io.ledgerline.query.ReadLimits;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The per-principal read limit on the query API. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final ReadLimits limits;

    WebConfig(ReadLimits limits) {
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReadRateLimiter(limits)).addPathPatterns("/api/**");
    }
}
