package org.amalgam.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic on the API: the user is loaded on every request (so a disabled user or a changed role counts at once),
 * and the password hash check is skipped when the same username and password were verified against the same stored
 * hash a moment ago ({@link VerifiedCredentials}). A wrong password is checked every time and never remembered.
 */
final class CachingPasswordAuthenticationProvider extends DaoAuthenticationProvider {

    private final VerifiedCredentials verified;

    CachingPasswordAuthenticationProvider(
            UserDetailsService users, PasswordEncoder passwordEncoder, VerifiedCredentials verified) {
        super(users);
        setPasswordEncoder(passwordEncoder);
        this.verified = verified;
    }

    @Override
    protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken authentication)
            throws AuthenticationException {
        Object credentials = authentication.getCredentials();
        if (credentials != null && verified.contains(user.getUsername(), credentials.toString(), user.getPassword())) {
            return;
        }
        // throws when the password is missing or wrong
        super.additionalAuthenticationChecks(user, authentication);
        verified.remember(user.getUsername(), credentials.toString(), user.getPassword());
    }
}
