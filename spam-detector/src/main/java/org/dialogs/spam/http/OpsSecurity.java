package org.dialogs.spam.http;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.dialogs.spam.SpamDetectorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Spring Security for everything under {@code /ops}, and nothing else: the operator logs in with the form (a
 * server-side session, ended by logout) or HTTP Basic; changes must come from this site ({@link AntiForgeryCheck});
 * wrong passwords are throttled per address ({@link LoginThrottleFilter}); pages carry a strict content policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class OpsSecurity {

    static final String REALM = "dialogs ops";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";
    private static final String[] PUBLIC = {"/ops/login", "/ops/login.html", "/ops/login.js", "/ops/ops.css"};

    @Bean
    SecurityFilterChain opsFilterChain(HttpSecurity http, SpamDetectorProperties properties, LoginThrottle throttle,
            MeterRegistry meters) throws Exception {
        http.securityMatcher("/ops", "/ops/**")
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()));
        if (properties.operator().password().isEmpty()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                    .exceptionHandling(e -> e.authenticationEntryPoint((request, response, denied) ->
                            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                                    "set SPAM_DETECTOR_OPERATOR_PASSWORD to use the ops pages")))
                    .build();
        }
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, PUBLIC).permitAll()
                        .anyRequest().hasRole("OPERATOR"))
                .formLogin(form -> form.loginPage("/ops/login").loginProcessingUrl("/ops/login")
                        .usernameParameter("user").passwordParameter("password")
                        .defaultSuccessUrl("/ops/", true).failureUrl("/ops/login?failed"))
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .logout(logout -> logout
                        .logoutRequestMatcher(PathPatternRequestMatcher.withDefaults()
                                .matcher(HttpMethod.POST, "/ops/logout"))
                        .logoutSuccessUrl("/ops/login"))
                .exceptionHandling(e -> e.authenticationEntryPoint(pagesToLogin(basic)))
                .addFilterAt(new AntiForgeryCheck(), CsrfFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle, meters), LogoutFilter.class)
                .build();
    }

    /** A page request without credentials goes to the login page; anything else gets 401 with a Basic challenge. */
    private static AuthenticationEntryPoint pagesToLogin(BasicAuthenticationEntryPoint basic) {
        return (request, response, missing) -> {
            boolean api = request.getRequestURI().startsWith("/ops/api/");
            if (!api && "GET".equals(request.getMethod())) {
                response.sendRedirect("/ops/login");
            } else {
                basic.commence(request, response, missing);
            }
        };
    }
}
