package org.amalgam;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(AmalgamApplication.class);

    @Test
    void modulesUseEachOtherOnlyThroughTheirApiPackages() {
        MODULES.verify();
    }
}
