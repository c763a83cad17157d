package org.amalgam.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A call made with a source system's API key: it acts for that source only. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    public static final String ROLE = "ROLE_SOURCE";

    private final ApiKeys.SourcePrincipal principal;

    ApiKeyAuthentication(ApiKeys.SourcePrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(ROLE)));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiKeys.SourcePrincipal getPrincipal() {
        return principal;
    }

    /** Shown as who did something, e.g. in an import job: {@code source:crm}. */
    @Override
    public String getName() {
        return "source:" + principal.source();
    }
}
