/**
 * Small types every module may use: the exceptions that the web and API shells turn into clear error pages and
 * problem details, and the {@code COPY} that the bulk paths of several modules write rows with.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared", type = ApplicationModule.Type.OPEN)
package org.amalgam.shared;

import org.springframework.modulith.ApplicationModule;
