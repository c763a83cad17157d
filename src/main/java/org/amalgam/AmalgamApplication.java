package org.amalgam;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AmalgamApplication {

    public static void main(String[] args) {
        SpringApplication.run(AmalgamApplication.class, args);
    }
}
