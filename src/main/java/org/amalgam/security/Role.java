package org.amalgam.security;

/** What a user may do. Each role includes the ones below it: ADMIN > STEWARD > VIEWER. */
public enum Role {
    /** Configures sources, models, imports, subscriptions and users. */
    ADMIN,
    /** Reviews and corrects golden records. */
    STEWARD,
    /** Reads golden records. */
    VIEWER
}
