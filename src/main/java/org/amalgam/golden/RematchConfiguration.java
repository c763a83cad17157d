package org.amalgam.golden;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The executor that runs re-match jobs in the background, one at a time unless configured otherwise. */
@Configuration(proxyBeanMethods = false)
class RematchConfiguration {

    @Bean
    ThreadPoolTaskExecutor rematchExecutor(@Value("${amalgam.rematch.workers:1}") int workers) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("rematch-");
        executor.setCorePoolSize(workers);
        executor.setMaxPoolSize(workers);
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }
}
