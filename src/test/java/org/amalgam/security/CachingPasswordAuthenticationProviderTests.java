package org.amalgam.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The API's HTTP Basic provider checks a password hash once per login within the cache's time to live. */
class CachingPasswordAuthenticationProviderTests {

    /** bcrypt (at its lowest cost, to keep the test quick) that counts its checks. */
    static final class CountingEncoder implements PasswordEncoder {

        final PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    }

    final CountingEncoder encoder = new CountingEncoder();
    final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    final VerifiedCredentials verified =
            new VerifiedCredentials(Duration.ofSeconds(60), 100, new VerifiedCredentialsTests.ManualClock());
    CachingPasswordAuthenticationProvider provider;

    @BeforeEach
    void oneViewer() throws Exception {
        users.createUser(user("ann", "secret-1", Role.VIEWER, true));
        provider = new CachingPasswordAuthenticationProvider(users, encoder, verified);
        provider.afterPropertiesSet();
    }

    private User user(String name, String password, Role role, boolean enabled) {
        return (User) User.withUsername(name)
                .password(encoder.encode(password))
                .roles(role.name())
                .disabled(!enabled)
                .build();
    }

    private Authentication login(String name, String password) {
        return provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password));
    }

    private static boolean hasRole(Authentication authentication, Role role) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(("ROLE_" + role.name())::equals);
    }

    @Test
    void theSameLoginAgainIsNotCheckedAgain() {
        Authentication first = login("ann", "secret-1");
        Authentication second = login("ann", "secret-1");
        login("ann", "secret-1");

        assertThat(first.isAuthenticated()).isTrue();
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("ann");
        assertThat(encoder.checks).as("one bcrypt check for three requests").hasValue(1);
    }

    @Test
    void aWrongPasswordIsRefusedEveryTimeAndNeverRemembered() {
        login("ann", "secret-1");

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> login("ann", "secret-2")).isInstanceOf(BadCredentialsException.class);
        }

        assertThat(encoder.checks)
                .as("the good login once, each wrong one every time")
                .hasValue(4);
        assertThat(verified.size()).isEqualTo(1);
    }

    @Test
    void aRememberedLoginSeesARoleChangeAtOnce() {
        assertThat(hasRole(login("ann", "secret-1"), Role.ADMIN)).isFalse();

        users.updateUser(User.withUserDetails(users.loadUserByUsername("ann"))
                .roles(Role.ADMIN.name())
                .build());

        assertThat(hasRole(login("ann", "secret-1"), Role.ADMIN)).isTrue();
        assertThat(encoder.checks)
                .as("the role came from the user, not from the cache")
                .hasValue(1);
    }

    @Test
    void aRememberedLoginOfADisabledUserIsRefused() {
        login("ann", "secret-1");

        users.updateUser(User.withUserDetails(users.loadUserByUsername("ann"))
                .disabled(true)
                .build());

        assertThatThrownBy(() -> login("ann", "secret-1")).isInstanceOf(DisabledException.class);
    }

    @Test
    void anOldPasswordIsRefusedOnceThePasswordChanged() {
        login("ann", "secret-1");

        users.updateUser(user("ann", "secret-2", Role.VIEWER, true));

        assertThatThrownBy(() -> login("ann", "secret-1")).isInstanceOf(BadCredentialsException.class);
        assertThat(login("ann", "secret-2").isAuthenticated()).isTrue();
    }
}
