package io.clientele.identity;

import io.clientele.platform.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two doors: {@code /api/**} answers 401/403/429 as problem details and takes API tokens (within their rate limits)
 * or a signed-in session; everything else is the web UI with a sign-in form behind {@link LoginProtection} and an
 * optional second factor, CSRF protection and role checks.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {
    private static final RedirectStrategy REDIRECT = new DefaultRedirectStrategy();
    /** A public form's page and its submission ({@code io.clientele.forms}). */
    private static final RequestMatcher PUBLIC_FORM =
            PathPatternRequestMatcher.withDefaults().matcher("/f/*");

    /**
     * What no rule names is for any signed-in person but a supplier's: the pages and operations the rules leave open
     * to everyone (the dashboard, the customer list, the reports) show customers and the whole business, and a
     * supplier sees only its own supplier's aggregates.
     */
    private static final AuthorizationManager<RequestAuthorizationContext> NOT_A_SUPPLIER = AuthorizationManagers.allOf(
            AuthenticatedAuthorizationManager.authenticated(),
            AuthorizationManagers.not(AuthorityAuthorizationManager.hasRole(Role.SUPPLIER.name())));

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(
            HttpSecurity http, ApiTokens tokens, LoginProtection protection, ApiProperties properties)
            throws Exception {
        RequestMatcher bearerRequest = (HttpServletRequest request) -> {
            String header = request.getHeader("Authorization");
            return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        };
        ProblemResponses problems = new ProblemResponses();
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/api/v1/customers/*/privacy-export", "/api/v1/customers/*/erasure")
                        .hasAuthority(ApiScope.PRIVACY_MANAGE.authority())
                        .requestMatchers("/api/v1/customers/*/merge/*", "/api/v1/customers/*/distinct/*")
                        .hasAuthority(ApiScope.CUSTOMERS_MERGE.authority())
                        // account managers for a matrix class: the managers' decision, like dealing leads
                        .requestMatchers("/api/v1/customers/owner-assignments")
                        .hasAuthority(ApiScope.LEADS_MANAGE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/**")
                        .hasAuthority(ApiScope.CUSTOMERS_READ.authority())
                        .requestMatchers("/api/v1/customers/**")
                        .hasAuthority(ApiScope.CUSTOMERS_WRITE.authority())
                        .requestMatchers("/api/v1/loyalty/holds/**", "/api/v1/loyalty/holds")
                        .hasAuthority(ApiScope.SALES_WRITE.authority())
                        // member communications are campaigns: read, prepared and approved as campaigns are
                        .requestMatchers(
                                HttpMethod.GET, "/api/v1/loyalty/communications", "/api/v1/loyalty/communications/**")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers(
                                "/api/v1/loyalty/communications/*/approve",
                                "/api/v1/loyalty/communications/*/reject",
                                "/api/v1/loyalty/communications/*/pause",
                                "/api/v1/loyalty/communications/*/resume")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers("/api/v1/loyalty/communications", "/api/v1/loyalty/communications/**")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/loyalty/**")
                        .hasAuthority(ApiScope.LOYALTY_READ.authority())
                        .requestMatchers(
                                "/api/v1/loyalty/rules/**",
                                "/api/v1/loyalty/rules",
                                "/api/v1/loyalty/programme",
                                "/api/v1/loyalty/tiers/**",
                                "/api/v1/loyalty/tiers")
                        .hasAuthority(ApiScope.LOYALTY_MANAGE.authority())
                        .requestMatchers("/api/v1/loyalty/**")
                        .hasAuthority(ApiScope.LOYALTY_WRITE.authority())
                        .requestMatchers("/api/v1/sales/**")
                        .hasAuthority(ApiScope.SALES_WRITE.authority())
                        .requestMatchers("/api/v1/dashboard")
                        .hasAuthority(ApiScope.ANALYTICS_READ.authority())
                        // a preview shows a customer's details, so it needs both scopes
                        .requestMatchers(HttpMethod.POST, "/api/v1/materials/*/preview")
                        .access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasAuthority(ApiScope.CAMPAIGNS_READ.authority()),
                                AuthorityAuthorizationManager.hasAuthority(ApiScope.CUSTOMERS_READ.authority())))
                        .requestMatchers(HttpMethod.GET, "/api/v1/materials/**", "/api/v1/materials")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/api/v1/materials/**", "/api/v1/materials")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        // a customer's answers, or a link to answer in their name: for those who edit customers
                        .requestMatchers("/api/v1/surveys/*/responses", "/api/v1/surveys/*/link")
                        .hasAuthority(ApiScope.CUSTOMERS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/surveys/**", "/api/v1/surveys")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/api/v1/surveys/**", "/api/v1/surveys")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        // an event's door: registrations (names, emails), desk registrations and check-ins
                        .requestMatchers(
                                "/api/v1/events/*/registrations",
                                "/api/v1/events/*/check-ins",
                                "/api/v1/events/*/check-ins/**")
                        .hasAuthority(ApiScope.EVENTS_CHECKIN.authority())
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/forms/**",
                                "/api/v1/forms",
                                "/api/v1/events/**",
                                "/api/v1/events")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/api/v1/forms/**", "/api/v1/forms", "/api/v1/events/**", "/api/v1/events")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        // the outbox holds whole messages with their addresses: for those who send them
                        .requestMatchers("/api/v1/campaigns/outbox/**", "/api/v1/campaigns/outbox")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        // call-centre work: an agent's data scope (their own calls) is in the queries
                        .requestMatchers("/api/v1/call-agents/**", "/api/v1/call-agents")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers("/api/v1/calls/**", "/api/v1/calls")
                        .hasAuthority(ApiScope.CUSTOMERS_READ.authority())
                        .requestMatchers("/api/v1/coupons/*/redeem")
                        .hasAuthority(ApiScope.SALES_WRITE.authority())
                        // letters and coupon codes are bulk personal data, and the first letter export hands over
                        .requestMatchers(
                                "/api/v1/campaigns/*/steps/*/coupons.csv", "/api/v1/campaigns/*/steps/*/letters.*")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers("/api/v1/campaigns/*/approve", "/api/v1/campaigns/*/reject")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        // the contact-pressure policy binds every campaign: managers (and the administrator) set it
                        .requestMatchers(HttpMethod.PUT, "/api/v1/campaigns/policy")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        // campaign accounting: managers (and the administrator) book costs, close campaigns and
                        // allocate period costs; whoever reads campaigns reads the figures
                        .requestMatchers(HttpMethod.POST, "/api/v1/campaigns/*/costs", "/api/v1/campaigns/*/close")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/period-costs/**",
                                "/api/v1/period-costs",
                                "/api/v1/campaign-performance")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/api/v1/period-costs/**", "/api/v1/period-costs")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers("/api/v1/journeys/*/versions/*/approve")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/journeys/**", "/api/v1/journeys")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/api/v1/journeys/**", "/api/v1/journeys")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/campaigns/**")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/api/v1/campaigns/**")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        // a rule's draft campaign as its segment: a draft sends nothing before approval
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/merchandising/cross-sell-segments",
                                "/api/v1/merchandising/cross-sell-campaigns")
                        .hasAuthority(ApiScope.SEGMENTS_WRITE.authority())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/merchandising/targets")
                        .hasAuthority(ApiScope.TARGETS_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/merchandising/targets/import")
                        .hasAuthority(ApiScope.TARGETS_WRITE.authority())
                        // the classes' playbooks bind every campaign on a class: managers change them
                        .requestMatchers(HttpMethod.PUT, "/api/v1/insight/playbooks/**")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/insight/**", "/api/v1/merchandising/**")
                        .hasAuthority(ApiScope.ANALYTICS_READ.authority())
                        .requestMatchers("/api/v1/insight/**")
                        .hasAuthority(ApiScope.ANALYTICS_RUN.authority())
                        // exports are bulk personal data; counting, listing and overlaps only read
                        .requestMatchers("/api/v1/segments/*/export")
                        .hasAuthority(ApiScope.SEGMENTS_WRITE.authority())
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/segments/count",
                                "/api/v1/segments/members",
                                "/api/v1/segments/overlap")
                        .hasAuthority(ApiScope.CUSTOMERS_READ.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/segments/**", "/api/v1/segments")
                        .hasAuthority(ApiScope.CUSTOMERS_READ.authority())
                        .requestMatchers("/api/v1/segments/**", "/api/v1/segments")
                        .hasAuthority(ApiScope.SEGMENTS_WRITE.authority())
                        .requestMatchers("/api/v1/audit/**", "/api/v1/audit")
                        .hasAuthority(ApiScope.AUDIT_READ.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/service/**")
                        .hasAuthority(ApiScope.SERVICE_READ.authority())
                        .requestMatchers("/api/v1/service/queues/**", "/api/v1/service/sla")
                        .hasAuthority(ApiScope.SERVICE_MANAGE.authority())
                        .requestMatchers("/api/v1/service/**")
                        .hasAuthority(ApiScope.SERVICE_WRITE.authority())
                        .requestMatchers("/api/v1/leads/rules/**", "/api/v1/leads/rules", "/api/v1/leads/settings")
                        .hasAuthority(ApiScope.LEADS_MANAGE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/pipeline-stages")
                        .hasAuthority(ApiScope.LEADS_READ.authority())
                        .requestMatchers("/api/v1/pipeline-stages/**", "/api/v1/pipeline-stages")
                        .hasAuthority(ApiScope.LEADS_MANAGE.authority())
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/leads/**",
                                "/api/v1/leads",
                                "/api/v1/opportunities/**",
                                "/api/v1/opportunities")
                        .hasAuthority(ApiScope.LEADS_READ.authority())
                        .requestMatchers(
                                "/api/v1/leads/**",
                                "/api/v1/leads",
                                "/api/v1/opportunities/**",
                                "/api/v1/opportunities")
                        .hasAuthority(ApiScope.LEADS_WRITE.authority())
                        // a supplier's figures: its own supplier only (the supplier feature checks which)
                        .requestMatchers(HttpMethod.GET, "/api/v1/suppliers/**", "/api/v1/suppliers")
                        .hasAuthority(ApiScope.SUPPLIERS_READ.authority())
                        .requestMatchers("/api/v1/suppliers/**", "/api/v1/suppliers")
                        .hasAuthority(ApiScope.SUPPLIERS_MANAGE.authority())
                        .anyRequest()
                        .access(NOT_A_SUPPLIER))
                .addFilterBefore(
                        new ApiTokenFilter(
                                tokens,
                                problems,
                                protection,
                                new RateLimits<Long>(System::nanoTime),
                                properties.rateLimit().perMinute()),
                        UsernamePasswordAuthenticationFilter.class)
                // a token-carrying request cannot be forged by a browser; session calls still need the CSRF token
                .csrf(csrf -> csrf.ignoringRequestMatchers(bearerRequest))
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(problems::unauthorized).accessDeniedHandler(problems::forbidden))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(
            HttpSecurity http,
            UserDetailsService userDetails,
            PasswordEncoder passwordEncoder,
            LoginProtection protection,
            SecondFactors secondFactors,
            Clock clock)
            throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetails);
        passwords.setPasswordEncoder(passwordEncoder);
        // the form's only way in, with no parent manager that would check the password again without protection
        http.authenticationManager(new ProviderManager(new ProtectedLogin(passwords, protection)));
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                // the code step answers only to a session whose password was right
                                "/login/totp",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/error",
                                "/actuator/health/**",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html")
                        .permitAll()
                        // campaign tracking: the open pixel, the click redirect and the unsubscribe page are reached
                        // from customers' mailboxes; their signed tokens are the authority
                        .requestMatchers(HttpMethod.GET, "/t/o/*", "/t/c/*", "/u/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/u/*")
                        .permitAll()
                        // a customer's survey page: the signed and encrypted token of the link is the authority
                        // (its form still carries the CSRF token of the session it opened)
                        .requestMatchers(HttpMethod.GET, "/s/*/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/s/*/*")
                        .permitAll()
                        // the public FAQ: public articles only, read-only, rate-limited per address
                        .requestMatchers(HttpMethod.GET, "/faq", "/faq/*")
                        .permitAll()
                        // public forms: the form, its submission (the one-time token in the page is the authority)
                        // and the confirmation link (its HMAC is)
                        .requestMatchers(HttpMethod.GET, "/f/*", "/f/*/confirm/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/f/*")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/account/second-factor/**", "/account/second-factor")
                        .hasAnyRole(
                                SecondFactors.ELIGIBLE.stream().map(Role::name).toArray(String[]::new))
                        .requestMatchers("/imports/**", "/imports")
                        .hasAnyRole(Role.IMPORTERS.stream().map(Role::name).toArray(String[]::new))
                        // the same scopes as the API, so a person may do on a page what their role may do by API
                        .requestMatchers("/customers/*/privacy-export", "/customers/*/erasure")
                        .hasAuthority(ApiScope.PRIVACY_MANAGE.authority())
                        .requestMatchers("/customers/*/merge/*", "/customers/*/distinct/*")
                        .hasAuthority(ApiScope.CUSTOMERS_MERGE.authority())
                        .requestMatchers(HttpMethod.GET, "/customers/*/service")
                        .hasAuthority(ApiScope.SERVICE_READ.authority())
                        .requestMatchers("/customers/owner-assignments")
                        .hasAuthority(ApiScope.LEADS_MANAGE.authority())
                        .requestMatchers(HttpMethod.GET, "/customers/new", "/customers/*/edit")
                        .hasAuthority(ApiScope.CUSTOMERS_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/customers/**")
                        .hasAuthority(ApiScope.CUSTOMERS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/loyalty/communications")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers(
                                "/loyalty/communications/*/approve",
                                "/loyalty/communications/*/reject",
                                "/loyalty/communications/*/pause",
                                "/loyalty/communications/*/resume")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers("/loyalty/communications/**")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/customers/*/loyalty", "/loyalty/**", "/loyalty")
                        .hasAuthority(ApiScope.LOYALTY_READ.authority())
                        .requestMatchers(HttpMethod.POST, "/loyalty/members/*/adjustments")
                        .hasAuthority(ApiScope.LOYALTY_WRITE.authority())
                        .requestMatchers("/loyalty/**", "/loyalty")
                        .hasAuthority(ApiScope.LOYALTY_MANAGE.authority())
                        .requestMatchers("/campaigns/outbox/**", "/campaigns/outbox")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        // materials before the campaign rules, whose /campaigns/*/edit would not cover them
                        .requestMatchers(HttpMethod.GET, "/campaigns/materials/new", "/campaigns/materials/*/edit")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/campaigns/materials/**", "/campaigns/materials")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/campaigns/materials/**", "/campaigns/materials")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers("/calls/agents/**", "/calls/agents")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        // an agent enters the answers of a survey asked on a call: a write of the customer's data
                        .requestMatchers("/surveys/*/ask/*")
                        .hasAuthority(ApiScope.CUSTOMERS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/surveys/new", "/surveys/*/edit")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/surveys/**", "/surveys")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/surveys/**", "/surveys")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers("/calls/**", "/calls")
                        .hasAuthority(ApiScope.CUSTOMERS_READ.authority())
                        .requestMatchers("/campaigns/*/steps/*/coupons.csv", "/campaigns/*/steps/*/letters.*")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(
                                HttpMethod.POST, "/campaigns/*/costs", "/campaigns/*/close", "/campaigns/period-costs")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers("/campaigns/*/approve", "/campaigns/*/reject")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers(HttpMethod.POST, "/campaigns/policy")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers(
                                HttpMethod.GET, "/campaigns/new", "/campaigns/*/edit", "/campaigns/*/steps/*/edit")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/campaigns/**", "/campaigns")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/campaigns/**", "/campaigns")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers("/check-in/**", "/check-in")
                        .hasAuthority(ApiScope.EVENTS_CHECKIN.authority())
                        .requestMatchers(HttpMethod.GET, "/forms/new", "/forms/*/edit", "/events/new")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/forms/**", "/forms", "/events/**", "/events")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/forms/**", "/forms", "/events/**", "/events")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/journeys/new")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/journeys/**", "/journeys")
                        .hasAuthority(ApiScope.CAMPAIGNS_READ.authority())
                        .requestMatchers("/journeys/**", "/journeys")
                        .hasAuthority(ApiScope.CAMPAIGNS_WRITE.authority())
                        .requestMatchers("/segments/export", "/segments/*/export")
                        .hasAuthority(ApiScope.SEGMENTS_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/segments/count", "/segments/members")
                        .hasAuthority(ApiScope.CUSTOMERS_READ.authority())
                        .requestMatchers(HttpMethod.GET, "/segments/**", "/segments")
                        .hasAuthority(ApiScope.CUSTOMERS_READ.authority())
                        .requestMatchers("/segments/**", "/segments")
                        .hasAuthority(ApiScope.SEGMENTS_WRITE.authority())
                        .requestMatchers(
                                HttpMethod.POST, "/merchandising/baskets/segment", "/merchandising/baskets/campaign")
                        .hasAuthority(ApiScope.SEGMENTS_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/merchandising/appraisal/targets/**")
                        .hasAuthority(ApiScope.TARGETS_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/insight/playbooks/**")
                        .hasAuthority(ApiScope.CAMPAIGNS_APPROVE.authority())
                        .requestMatchers(HttpMethod.GET, "/insight/**", "/insight", "/merchandising/**")
                        .hasAuthority(ApiScope.ANALYTICS_READ.authority())
                        .requestMatchers(
                                HttpMethod.GET,
                                "/leads/**",
                                "/leads",
                                "/opportunities/**",
                                "/opportunities",
                                "/pipeline",
                                "/customers/*/sales")
                        .hasAuthority(ApiScope.LEADS_READ.authority())
                        .requestMatchers("/leads/**", "/leads", "/opportunities/**", "/opportunities", "/pipeline/**")
                        .hasAuthority(ApiScope.LEADS_WRITE.authority())
                        .requestMatchers("/insight/**")
                        .hasAuthority(ApiScope.ANALYTICS_RUN.authority())
                        // rates per product and store are figures: for those who read analytics
                        .requestMatchers(HttpMethod.GET, "/service/quality")
                        .hasAuthority(ApiScope.ANALYTICS_READ.authority())
                        .requestMatchers(HttpMethod.GET, "/service/**", "/service")
                        .hasAuthority(ApiScope.SERVICE_READ.authority())
                        .requestMatchers("/service/**", "/service")
                        .hasAuthority(ApiScope.SERVICE_WRITE.authority())
                        .requestMatchers(HttpMethod.GET, "/suppliers/**", "/suppliers")
                        .hasAuthority(ApiScope.SUPPLIERS_READ.authority())
                        .requestMatchers("/suppliers/**", "/suppliers")
                        .hasAuthority(ApiScope.SUPPLIERS_MANAGE.authority())
                        .anyRequest()
                        .access(NOT_A_SUPPLIER))
                // RFC 8058: the mail client's one-click unsubscribe POST carries no CSRF token (and needs none: it
                // only unsubscribes the customer the signed token names)
                // a public form's POST carries none either: the visitor has no session to ride on, and the form's
                // one-time submission token is what makes a POST count (an embedded form may get no cookie at all)
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/u/*"), PUBLIC_FORM))
                // only a public form may be framed by other sites (platform.web.ContentSecurityPolicy says so in
                // frame-ancestors); every other page keeps X-Frame-Options DENY
                .headers(headers -> headers.frameOptions(frame -> frame.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(PUBLIC_FORM),
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY))))
                // to the sign-in page by a relative address: an absolute one is built from the request's Host header,
                // which whoever sends the request chooses
                .exceptionHandling(e -> e.authenticationEntryPoint(signInPage()))
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(new PasswordAccepted(secondFactors, protection, clock))
                        .failureHandler(SecurityConfiguration::loginFailed)
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll());
        // the Content-Security-Policy, with a nonce per response, is platform.web.ContentSecurityPolicy's
        return http.build();
    }

    private static LoginUrlAuthenticationEntryPoint signInPage() {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    /** A refused attempt says until when, the same for every account name; a failed one says only that it failed. */
    private static void loginFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String target = e instanceof ProtectedLogin.Refused refused
                ? "/login?refused=" + refused.until().getEpochSecond()
                : "/login?error";
        REDIRECT.sendRedirect(request, response, target);
    }
}
