package org.pimaccess.keycloak.phone;

import java.util.Locale;
import java.util.Optional;

/** How a one-time code reaches a phone. The form value is the public name used by themes and tests. */
public enum DeliveryMethod {
    SMS,
    VOICE;

    public String formValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryMethod> fromFormValue(String value) {
        for (DeliveryMethod method : values()) {
            if (method.formValue().equals(value)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
