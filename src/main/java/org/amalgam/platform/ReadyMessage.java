package org.amalgam.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a new user, once everything has started, which address to open. */
@Component
class ReadyMessage {

    private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

    @EventListener
    void on(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            log.info(
                    "Amalgam is ready: open http://localhost:{} and sign in (API description at"
                            + " http://localhost:{}/swagger-ui.html)",
                    web.getWebServer().getPort(),
                    web.getWebServer().getPort());
        }
    }
}
