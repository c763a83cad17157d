/**
 * Security: users with the roles ADMIN, STEWARD and VIEWER, form login for the UI, HTTP Basic for scripts on
 * {@code /api/**}, and the first administrator of a new database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.amalgam.security;
