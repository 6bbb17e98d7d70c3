package io.clientele.customer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The data scope on every page and API call that names a customer in its path: {@code /customers/{id}/…},
 * {@code /api/v1/customers/{id}/…}, and any path variable of another feature named {@code customerId} (the purchases
 * part of the 360° page, a customer's journeys, …). A customer outside the person's scope is answered 404 before the
 * handler runs, whatever the handler does with it — reading, editing, tagging, merging, exporting.
 */
@Configuration(proxyBeanMethods = false)
class CustomerScopeInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    /** Path variables that name a customer anywhere. */
    private static final Set<String> CUSTOMER_VARIABLES = Set.of("customerId", "survivorId", "mergedId", "otherId");

    private final Customers customers;

    CustomerScopeInterceptor(Customers customers) {
        this.customers = customers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // a customer named in the query string (a survey link for a customer, …) as well as in the path
        String named = request.getParameter("customerId");
        if (named != null) {
            check(named);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null || variables.isEmpty()) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean customerPath = path.startsWith("/customers/") || path.startsWith("/api/v1/customers/");
        variables.forEach((name, value) -> {
            if (CUSTOMER_VARIABLES.contains(name) || (customerPath && name.equals("id"))) {
                check(value);
            }
        });
        return true;
    }

    private void check(String value) {
        if (value.matches("\\d{1,18}")) {
            customers.requireInScope(Long.parseLong(value));
        }
    }
}
