package org.amalgam.security;

import java.util.regex.Pattern;
import org.amalgam.security.domain.AppUser;
import org.amalgam.security.domain.AppUserRepository;
import org.amalgam.shared.InvalidInputException;
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

    Users(AppUserRepository repository, PasswordEncoder passwordEncoder) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    public void create(String username, String password, String displayName, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("A username is 1 to 100 letters, digits, '.', '_', '@' or '-'.");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (repository.existsByUsername(username)) {
            throw new InvalidInputException("There is already a user '" + username + "'.");
        }
        repository.save(new AppUser(username, passwordEncoder.encode(password), displayName, role));
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
