package io.ledgerline.command.security;

import io.ledgerline.contracts.LedgerLimits;
import java.util.EnumSet;
import java.util.Set;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets controllers take a {@link LedgerPrincipal} parameter. */
@Configuration(proxyBeanMethods = false)
class LedgerPrincipalResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    static {
        // The principal comes from the bearer token, not from the request: keep it out of the documented parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(LedgerPrincipal.class);
    }

    @Override
    public void addArgumentResolvers(java.util.List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return LedgerPrincipal.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return current();
    }

    /**
     * The principal of the current request.
     *
     * @throws AccessDeniedException when the owner id is not a valid ledger id (403)
     */
    static LedgerPrincipal current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !LedgerLimits.isValidId(authentication.getName())) {
            throw new AccessDeniedException("the token's owner id is not a valid id");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        authentication.getAuthorities().forEach(a -> Role.fromAuthority(a.getAuthority()).ifPresent(roles::add));
        return new LedgerPrincipal(authentication.getName(), Set.copyOf(roles));
    }
}
