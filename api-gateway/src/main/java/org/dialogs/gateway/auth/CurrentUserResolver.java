package org.dialogs.gateway.auth;

import java.util.List;

import org.dialogs.gateway.http.ApiException;
import org.dialogs.gateway.user.KnownUsers;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves {@link CurrentUser} parameters from the {@code Authorization: Bearer} header, or answers 401 unless it
 * holds a valid token of a registered user.
 */
@Configuration(proxyBeanMethods = false)
class CurrentUserResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final String PREFIX = "Bearer ";

    private final BearerTokens tokens;
    private final KnownUsers users;

    CurrentUserResolver(BearerTokens tokens, KnownUsers users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CurrentUser.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw ApiException.unauthorized("missing bearer token: send 'Authorization: Bearer <token from /login>'");
        }
        long user = tokens.verify(header.substring(PREFIX.length()).trim())
                .orElseThrow(() -> ApiException.unauthorized("invalid or expired bearer token: log in again"));
        // a valid signature is not enough: the secret may have signed for an id that was never registered
        if (!users.exists(user)) {
            throw ApiException.unauthorized("no user " + user + ": the bearer token is not for a registered user");
        }
        return user;
    }
}
