/** Source systems: the department systems connected to the hub, with their trust ranking. */
@org.springframework.modulith.ApplicationModule(displayName = "Sources")
package org.amalgam.sources;
