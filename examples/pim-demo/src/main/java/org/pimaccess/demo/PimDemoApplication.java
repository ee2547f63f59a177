package org.pimaccess.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * PIM (demo): a relying party of realm {@code pim} that demands phone OTP, shows what the pack's tokens
 * tell an application, and links to the organization's administration.
 */
@SpringBootApplication
public class PimDemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(PimDemoApplication.class, args);
    }
}
