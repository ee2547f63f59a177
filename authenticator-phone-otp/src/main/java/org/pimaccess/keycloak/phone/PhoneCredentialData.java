package org.pimaccess.keycloak.phone;

import java.util.List;

/**
 * What a phone credential stores as its credential data (nothing is secret: possession is proven
 * by codes, not by a stored secret).
 *
 * @param phoneNumber     E.164
 * @param label           the user's name for the phone, may be null
 * @param deliveryMethods form values of the methods this phone accepts
 * @param preferredMethod the form value offered first
 * @param verifiedAt      epoch milliseconds when possession was last proven
 */
public record PhoneCredentialData(String phoneNumber, String label, List<String> deliveryMethods,
                                  String preferredMethod, long verifiedAt) {
}
