package org.amalgam.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On a new database, creates the administrator {@code admin}: its password comes from {@code AMALGAM_ADMIN_PASSWORD},
 * or is generated and printed once in the log. Runs before the web server accepts requests, so the administrator exists
 * as soon as the application answers.
 */
@Component
class FirstAdministrator implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
    static final String USERNAME = "admin";

    private final Users users;
    private final String configuredPassword;

    FirstAdministrator(Users users, @Value("${amalgam.admin.password:}") String configuredPassword) {
        this.users = users;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? generate() : configuredPassword;
        users.create(USERNAME, password, "Administrator", Role.ADMIN);
        if (generated) {
            log.warn(
                    """

                    ==========================================================================
                     Created the first administrator.   user: {}   password: {}
                     This password is shown only once. Set AMALGAM_ADMIN_PASSWORD to choose it.
                    ==========================================================================""",
                    USERNAME,
                    password);
        } else {
            log.info("Created the first administrator '{}' with the password from AMALGAM_ADMIN_PASSWORD", USERNAME);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
