/** The web shell: layout, dashboard and error pages. Each module's pages live in its own {@code web} package. */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.amalgam.web;
