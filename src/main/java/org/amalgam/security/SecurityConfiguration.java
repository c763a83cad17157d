package org.amalgam.security;

import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Three filter chains: the API (HTTP Basic, stateless, problem-detail errors), the OpenAPI description (open), and
 * the UI (form login, CSRF on every form, a strict Content-Security-Policy).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    /** HTTP Basic logins verified a moment ago, so that a polling script does not run bcrypt on every request. */
    @Bean
    static VerifiedCredentials verifiedCredentials(
            @Value("${amalgam.security.basic-auth-cache.ttl:PT60S}") Duration ttl,
            @Value("${amalgam.security.basic-auth-cache.max-entries:10000}") int maxEntries) {
        return new VerifiedCredentials(ttl, maxEntries, Clock.systemUTC());
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiKeys apiKeys,
            Users users,
            PasswordEncoder passwordEncoder,
            VerifiedCredentials verifiedCredentials)
            throws Exception {
        CachingPasswordAuthenticationProvider basicLogins =
                new CachingPasswordAuthenticationProvider(users, passwordEncoder, verifiedCredentials);
        basicLogins.afterPropertiesSet();
        AuthenticationEntryPoint unauthorized = (request, response, e) -> problem(
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                "Unauthorized",
                e instanceof BadCredentialsException && e.getMessage().contains("API key")
                        ? e.getMessage()
                        : "Sign in with HTTP Basic (a user of Amalgam) or send a source system's API key as"
                                + " Authorization: Bearer <key>.");
        String admin = Role.ADMIN.name();
        String viewer = Role.VIEWER.name();
        String steward = Role.STEWARD.name();
        String source = ApiKeyAuthentication.ROLE.substring("ROLE_".length());
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        // a source system's key acts for its own source only
                        .requestMatchers(HttpMethod.PUT, "/api/v1/sources/{source}/records/**")
                        .access(OWN_SOURCE_OR_ADMIN)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/sources/{source}/records/**")
                        .access(OWN_SOURCE_OR_ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/sources/{source}/imports")
                        .access(OWN_SOURCE_OR_ADMIN)
                        .requestMatchers("/api/v1/sources/*/api-keys", "/api/v1/sources/*/api-keys/**")
                        .hasRole(admin)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/sources/*", "/api/v1/model/*")
                        .hasRole(admin)
                        // a dry run reads every record of the type and may estimate weights: an administrator's tool
                        .requestMatchers(HttpMethod.POST, "/api/v1/model/*/dry-run")
                        .hasRole(admin)
                        // saved mappings name a source's columns; only administrators see and change them
                        .requestMatchers("/api/v1/sources/*/mappings", "/api/v1/sources/*/mappings/**")
                        .hasRole(admin)
                        // pulls and watched folders hold connection settings and server paths
                        .requestMatchers(
                                "/api/v1/sources/*/pulls",
                                "/api/v1/sources/*/pulls/**",
                                "/api/v1/sources/*/folders",
                                "/api/v1/sources/*/folders/**")
                        .hasRole(admin)
                        .requestMatchers(HttpMethod.POST, "/api/v1/imports/*/cancel")
                        .hasAnyRole(admin, source)
                        .requestMatchers(HttpMethod.GET, "/api/v1/imports/**")
                        .hasAnyRole(viewer, source)
                        .requestMatchers(HttpMethod.GET, "/api/v1/golden/**", "/api/v1/xref/**", "/api/v1/crosswalk/**")
                        .hasAnyRole(viewer, source)
                        // derived keys of every record: for administrators diagnosing missed matches
                        .requestMatchers(HttpMethod.GET, "/api/v1/match/*/blocking-keys")
                        .hasRole(admin)
                        // estimating weights rewrites how every later record is matched
                        .requestMatchers(HttpMethod.POST, "/api/v1/match/*/weights")
                        .hasRole(admin)
                        .requestMatchers(HttpMethod.POST, "/api/v1/match/**")
                        .hasAnyRole(viewer, source)
                        // a steward's edits of golden records and the review queue
                        .requestMatchers(HttpMethod.POST, "/api/v1/golden/*/*/merge", "/api/v1/golden/*/*/split")
                        .hasRole(steward)
                        .requestMatchers("/api/v1/golden/*/*/values/**", "/api/v1/tasks", "/api/v1/tasks/**")
                        .hasRole(steward)
                        // the change feed; a source key reads its own subscriptions' changes with the publish issue
                        .requestMatchers("/api/v1/changes")
                        .hasRole(admin)
                        .anyRequest()
                        .hasRole(viewer))
                // HTTP Basic here only: the provider's own manager, so a wrong password is not checked twice
                .authenticationManager(new ProviderManager(basicLogins))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, unauthorized), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.realmName("Amalgam").authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, e) -> problem(
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                "Forbidden",
                                "Your role or API key may not do this; ask an administrator.")))
                .csrf(csrf -> csrf.disable())
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** An administrator, or a source system's key when the path names that source. */
    static final AuthorizationManager<RequestAuthorizationContext> OWN_SOURCE_OR_ADMIN = (authentication, context) -> {
        Authentication caller = authentication.get();
        if (caller == null || !caller.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        if (caller instanceof ApiKeyAuthentication key) {
            return new AuthorizationDecision(
                    key.getPrincipal().source().equals(context.getVariables().get("source")));
        }
        boolean admin =
                caller.getAuthorities().stream().anyMatch(a -> ("ROLE_" + Role.ADMIN.name()).equals(a.getAuthority()));
        return new AuthorizationDecision(admin);
    };

    @Bean
    @Order(2)
    SecurityFilterChain apiDescriptionSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(
                                HttpMethod.POST, "/sources", "/sources/**", "/imports/**", "/model", "/model/**")
                        .hasRole(Role.ADMIN.name())
                        // a staged upload is an administrator's file on its way in
                        .requestMatchers("/imports/staged/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/sources/*/pulls/**", "/sources/*/folders/**")
                        .hasRole(Role.ADMIN.name())
                        // merge, split, override and review decisions are a steward's work
                        .requestMatchers(HttpMethod.POST, "/golden/**", "/tasks/**")
                        .hasRole(Role.STEWARD.name())
                        .requestMatchers("/tasks", "/tasks/**")
                        .hasRole(Role.STEWARD.name())
                        .anyRequest()
                        .hasRole(Role.VIEWER.name()))
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .httpBasic(withDefaults())
                .headers(
                        headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name())
                .implies(Role.STEWARD.name())
                .role(Role.STEWARD.name())
                .implies(Role.VIEWER.name())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Amalgam\"");
        }
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
