package org.amalgam.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * {@code amalgam.scheduling.enabled=false} (as the tests set it) leaves no schedule running: no pull starts, no folder
 * is scanned and no import is taken over behind a test's back, whatever else on the class path enables scheduling.
 */
@ApplicationTest
class SchedulingSwitchTests {

    @Autowired
    ApplicationContext context;

    @Test
    void switchedOffSchedulingRunsNoScheduledMethod() {
        assertThat(context.getBeanNamesForType(ScheduledAnnotationBeanPostProcessor.class))
                .isEmpty();
        assertThat(context.containsBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
                .isFalse();
    }
}
