package org.dialogs.gateway.http;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Answers 400 to a request whose query parameters, path variables or headers that the endpoint reads hold a
 * control character (NUL above all, which PostgreSQL cannot take): before any of them reaches the database.
 */
@Configuration(proxyBeanMethods = false)
class InputCharacterCheck implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            for (MethodParameter parameter : method.getMethodParameters()) {
                check(parameter, request);
            }
        }
        return true;
    }

    private static void check(MethodParameter parameter, HttpServletRequest request) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        if (query != null) {
            String name = name(query.name(), query.value());
            String[] values = request.getParameterValues(name);
            for (String value : values == null ? new String[0] : values) {
                refuseControlCharacters(name, value);
            }
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null) {
            String name = name(path.name(), path.value());
            refuseControlCharacters(name, pathVariables(request).get(name));
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null) {
            String name = name(header.name(), header.value());
            refuseControlCharacters(name + " header", request.getHeader(name));
        }
    }

    private static void refuseControlCharacters(String field, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(field + " must not contain control characters (such as NUL)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> pathVariables(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? Map.of() : (Map<String, String>) variables;
    }

    private static String name(String name, String value) {
        return name.isEmpty() ? value : name;
    }
}
