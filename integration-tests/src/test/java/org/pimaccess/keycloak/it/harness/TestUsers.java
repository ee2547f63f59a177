package org.pimaccess.keycloak.it.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Users provisioned through the admin REST API, phones included: a phone credential is created like
 * any credential, in the {@code credentials} of {@code POST /admin/realms/pim/users}.
 */
public final class TestUsers {

    public static final String PASSWORD = "Correct-Horse-7";

    /** Each test takes its own numbers, so caps and counts of one test never touch another. */
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(100);

    public record TestUser(String id, String username, List<String> phones) {
        public String phone() {
            return phones.get(0);
        }
    }

    /** Someone who has no account yet, with what they type on the registration page. */
    public record Person(String username, String email, String firstName, String lastName) {
        public Map<String, String> registrationFields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("username", username);
            fields.put("email", email);
            fields.put("firstName", firstName);
            fields.put("lastName", lastName);
            fields.put("password", PASSWORD);
            fields.put("password-confirm", PASSWORD);
            return fields;
        }
    }

    private TestUsers() {
    }

    public static Person newPerson() {
        String username = "person-" + UUID.randomUUID().toString().substring(0, 8);
        return new Person(username, username + "@example.test", "Pat", "Example");
    }

    /** A fresh US number of the 555-01xx fiction range, in E.164. */
    public static String newPhoneNumber() {
        return String.format("+1202555%04d", NEXT_NUMBER.incrementAndGet());
    }

    /** A user who has only a password, as after self-registration. */
    public static TestUser withoutPhone(PimKeycloak keycloak) {
        return create(keycloak, List.of());
    }

    public static TestUser withPhones(PimKeycloak keycloak, int phones) {
        return withPhones(keycloak.realm(), phones);
    }

    public static TestUser withPhones(RealmResource realm, int phones) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < phones; i++) {
            numbers.add(newPhoneNumber());
        }
        return create(realm, numbers);
    }

    public static TestUser create(PimKeycloak keycloak, List<String> phoneNumbers) {
        return create(keycloak.realm(), phoneNumbers);
    }

    public static TestUser create(RealmResource realm, List<String> phoneNumbers) {
        return create(realm, phoneNumbers, List.of());
    }

    /** A user with one phone and this passkey (for example a {@link SoftwarePasskey}'s credential). */
    public static TestUser withPasskey(PimKeycloak keycloak, CredentialRepresentation passkey) {
        return create(keycloak.realm(), List.of(newPhoneNumber()), List.of(passkey));
    }

    private static TestUser create(RealmResource realm, List<String> phoneNumbers, List<CredentialRepresentation> more) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.test");
        user.setFirstName("Test");
        user.setLastName("User");
        user.setEnabled(true);
        user.setEmailVerified(true);
        List<CredentialRepresentation> credentials = new ArrayList<>();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        credentials.add(password);
        for (int i = 0; i < phoneNumbers.size(); i++) {
            CredentialRepresentation phone = new CredentialRepresentation();
            phone.setType("phone");
            phone.setUserLabel("Phone " + (i + 1));
            phone.setCredentialData("{\"phoneNumber\":\"" + phoneNumbers.get(i) + "\",\"label\":\"Phone " + (i + 1)
                    + "\",\"deliveryMethods\":[\"sms\",\"voice\"],\"preferredMethod\":\"sms\",\"verifiedAt\":"
                    + System.currentTimeMillis() + "}");
            phone.setSecretData("{}");
            credentials.add(phone);
        }
        credentials.addAll(more);
        user.setCredentials(credentials);
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating a test user answered " + response.getStatus() + ": "
                        + response.readEntity(String.class));
            }
            return new TestUser(CreatedResponseUtil.getCreatedId(response), username, List.copyOf(phoneNumbers));
        }
    }
}
