package org.pimaccess.keycloak.it.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/** A test class that runs against the shared real Keycloak; take {@link PimKeycloak} as a parameter. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PimKeycloakExtension.class)
public @interface PimKeycloakTest {
}
