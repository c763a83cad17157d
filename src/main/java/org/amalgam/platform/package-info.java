/**
 * Runtime platform: the embedded PostgreSQL that lets Amalgam run with nothing installed but a JDK, and the
 * start-up messages that tell a new user where to go.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.amalgam.platform;
