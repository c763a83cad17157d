package org.amalgam.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background schedules, switched off in tests with {@code amalgam.scheduling.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "amalgam.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}
