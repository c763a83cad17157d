package org.amalgam.security;

import java.util.regex.Pattern;
import org.amalgam.security.domain.AppUser;
import org.amalgam.security.domain.AppUserRepository;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The security module's facade: users and their roles; passwords are only ever stored hashed. */
@Service
@Transactional(readOnly = true)
public class Users implements UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9._@-]{1,100}");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final AppUserRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final VerifiedCredentials verifiedCredentials;

    Users(AppUserRepository repository, PasswordEncoder passwordEncoder, VerifiedCredentials verifiedCredentials) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.verifiedCredentials = verifiedCredentials;
    }

    @Transactional
    public void create(String username, String password, String displayName, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("A username is 1 to 100 letters, digits, '.', '_', '@' or '-'.");
        }
        checkPassword(password);
        if (repository.existsByUsername(username)) {
            throw new InvalidInputException("There is already a user '" + username + "'.");
        }
        repository.save(new AppUser(username, passwordEncoder.encode(password), displayName, role));
    }

    /** Gives the user a new password; logins verified with the old one are forgotten. */
    @Transactional
    public void changePassword(String username, String password) {
        checkPassword(password);
        user(username).changePasswordHash(passwordEncoder.encode(password));
        verifiedCredentials.forget(username);
    }

    /** Gives the user another role; it counts from the user's next request. */
    @Transactional
    public void changeRole(String username, Role role) {
        if (role == null) {
            throw new InvalidInputException("Choose a role: ADMIN, STEWARD or VIEWER.");
        }
        user(username).changeRole(role);
        verifiedCredentials.forget(username);
    }

    /** Lets the user sign in again, or not any more from the next request on. */
    @Transactional
    public void setEnabled(String username, boolean enabled) {
        user(username).setEnabled(enabled);
        verifiedCredentials.forget(username);
    }

    private AppUser user(String username) {
        return repository
                .findByUsername(username)
                .orElseThrow(() -> new NotFoundException("There is no user '" + username + "'."));
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }

    public long count() {
        return repository.count();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AppUser user = repository
                .findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No user " + username));
        return User.withUsername(user.getUsername())
                .password(user.getPasswordHash())
                .roles(user.getRole().name())
                .disabled(!user.isEnabled())
                .build();
    }
}
