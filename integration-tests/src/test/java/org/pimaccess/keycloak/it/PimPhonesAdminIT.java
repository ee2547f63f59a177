package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.PimPhonesApi;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** The realm admin's phone API, /admin/realms/pim/pim-phones, with Keycloak's admin permissions. */
@PimKeycloakTest
class PimPhonesAdminIT {

    @Test
    void aRealmAdminAddsAPhoneToAnExistingUserWhoThenSignsInWithIt(PimKeycloak keycloak) {
        PimPhonesApi api = new PimPhonesApi(keycloak);
        TestUser user = TestUsers.withoutPhone(keycloak);
        String number = TestUsers.newPhoneNumber();

        Answer created = api.post("users/" + user.id() + "/phones", api.serverAdminToken(),
                Map.of("phoneNumber", number, "label", "Help desk", "deliveryMethods", List.of("sms", "voice")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        JsonNode listed = api.get("users/" + user.id() + "/phones", api.serverAdminToken()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).path("phoneNumber").asText()).isEqualTo(number);
        assertThat(listed.get(0).path("label").asText()).isEqualTo("Help desk");
        assertThat(listed.get(0).path("deliveryMethods")).extracting(JsonNode::asText).containsExactly("sms", "voice");
        assertThat(Mailbox.textOf(keycloak.mailbox().newestTo(user.username() + "@example.test")))
                .contains("A phone (+1").contains(number.substring(number.length() - 4)).doesNotContain(number.substring(2));

        TestUser withPhone = new TestUser(user.id(), user.username(), List.of(number));
        assertThat(Tokens.claims(Tokens.phoneOtp(keycloak, withPhone))).containsEntry("acr", "phone-otp");
        assertThat(keycloak.realm().getAdminEvents(null, null, null, null, null, null, null, null, 0, 50))
                .anySatisfy(event -> {
                    assertThat(event.getOperationType()).isEqualTo("CREATE");
                    assertThat(event.getResourcePath()).isEqualTo("pim-phones/users/" + user.id() + "/phones");
                    assertThat(event.getDetails()).containsEntry("credential_id", id);
                    assertThat(String.valueOf(event.getRepresentation())).doesNotContain(number.substring(2));
                });
    }

    @Test
    void idsOfAnotherRealmOrAnotherUserAnswer404AsAnUnknownIdDoes(PimKeycloak keycloak) {
        PimPhonesApi api = new PimPhonesApi(keycloak);
        String token = api.serverAdminToken();
        TestUser owner = TestUsers.withPhones(keycloak, 1);
        TestUser other = TestUsers.withPhones(keycloak, 1);
        String masterUser = keycloak.admin().realm("master").users().search("admin", true).get(0).getId();
        String othersPhone = credentialIds(keycloak, other, "phone").get(0);
        String ownersPassword = credentialIds(keycloak, owner, "password").get(0);

        assertError(api.get("users/" + masterUser + "/phones", token), 404, "user_not_found");
        assertError(api.delete("users/" + masterUser + "/phones/" + othersPhone, token), 404, "user_not_found");
        assertError(api.post("users/" + masterUser + "/phone-reset", token, ""), 404, "user_not_found");
        assertError(api.delete("users/" + owner.id() + "/phones/" + othersPhone, token), 404, "phone_not_found");
        assertError(api.delete("users/" + owner.id() + "/phones/" + ownersPassword, token), 404, "phone_not_found");
        assertError(api.delete("users/" + owner.id() + "/phones/no-such-phone", token), 404, "phone_not_found");

        assertThat(credentialIds(keycloak, other, "phone")).containsExactly(othersPhone);
        assertThat(credentialIds(keycloak, owner, "password")).containsExactly(ownersPassword);
    }

    private static List<String> credentialIds(PimKeycloak keycloak, TestUser user, String type) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(credential -> type.equals(credential.getType())).map(credential -> credential.getId()).toList();
    }

    @Test
    void aPhoneAddedByARealmAdminEndsAPendingResetAndDeletingTheLastPhoneClosesRegistrationToThePassword(
            PimKeycloak keycloak) {
        PimPhonesApi api = new PimPhonesApi(keycloak);
        TestUser user = TestUsers.withPhones(keycloak, 1);
        String admin = api.serverAdminToken();
        Answer reset = api.post("users/" + user.id() + "/phone-reset", admin, null);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        assertThat(reset.json().path("phonesRemoved").asInt()).isEqualTo(1);
        assertThat(Mailbox.textOf(keycloak.mailbox().newestTo(user.username() + "@example.test"))).contains("reset by admin");

        String number = TestUsers.newPhoneNumber();
        String id = api.post("users/" + user.id() + "/phones", admin, Map.of("phoneNumber", number)).json().path("id").asText();
        TestUser withPhone = new TestUser(user.id(), user.username(), List.of(number));
        assertThat(Tokens.claims(Tokens.phoneOtp(keycloak, withPhone))).containsEntry("acr", "phone-otp");

        assertThat(api.delete("users/" + user.id() + "/phones/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("users/" + user.id() + "/phones", admin).json()).isEmpty();
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page gate = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(gate.hasForm("pim-phone-reset-pending")).as(gate.text()).isTrue();
        assertThat(gate.hasForm("pim-phone-register")).isFalse();
    }

    @Test
    void withoutViewUsersATokenGets403AndWithoutManageUsersItCannotChangeAnything(PimKeycloak keycloak) {
        PimPhonesApi api = new PimPhonesApi(keycloak);
        TestUser target = TestUsers.withPhones(keycloak, 1);
        TestUser plain = TestUsers.withPhones(keycloak, 1);
        TestUser viewer = TestUsers.withPhones(keycloak, 1);
        grantRealmManagementRole(keycloak, viewer, "view-users");
        String plainToken = Tokens.passwordOnly(keycloak, plain);
        String viewerToken = Tokens.passwordOnly(keycloak, viewer);
        Map<String, Object> phone = Map.of("phoneNumber", TestUsers.newPhoneNumber());

        assertError(api.get("users/" + target.id() + "/phones", plainToken), 403, "forbidden");
        assertError(api.post("users/" + target.id() + "/phones", plainToken, phone), 403, "forbidden");
        assertError(api.post("users/" + target.id() + "/phone-reset", plainToken, null), 403, "forbidden");
        assertThat(api.get("users/" + target.id() + "/phones", null).status()).isEqualTo(401);

        Answer viewed = api.get("users/" + target.id() + "/phones", viewerToken);
        assertThat(viewed.status()).as(viewed.toString()).isEqualTo(200);
        assertThat(viewed.json()).hasSize(1);
        String credentialId = viewed.json().get(0).path("id").asText();
        assertError(api.post("users/" + target.id() + "/phones", viewerToken, phone), 403, "forbidden");
        assertError(api.delete("users/" + target.id() + "/phones/" + credentialId, viewerToken), 403, "forbidden");
        assertError(api.post("users/" + target.id() + "/phone-reset", viewerToken, null), 403, "forbidden");

        assertThat(api.get("users/" + target.id() + "/phones", api.serverAdminToken()).json()).hasSize(1);
    }

    @Test
    void badNumbersPremiumNumbersASixthPhoneAndUnknownIdsGetTheJsonError(PimKeycloak keycloak) {
        PimPhonesApi api = new PimPhonesApi(keycloak);
        String admin = api.serverAdminToken();
        TestUser full = TestUsers.withPhones(keycloak, 5);
        TestUser user = TestUsers.withoutPhone(keycloak);
        String phones = "users/" + user.id() + "/phones";

        assertError(api.post(phones, admin, Map.of("phoneNumber", "555-12")), 400, "invalid_phone_number");
        assertError(api.post(phones, admin, Map.of("phoneNumber", "+1202555")), 400, "invalid_phone_number");
        assertError(api.post(phones, admin, Map.of()), 400, "invalid_phone_number");
        assertError(api.post(phones, admin, Map.of("phoneNumber", "+19002001234")), 400, "number_type_not_allowed");
        assertError(api.post(phones, admin, Map.of("phoneNumber", "+449098790000", "deliveryMethods", List.of("voice"))), 400,
                "number_type_not_allowed");
        assertError(api.post(phones, admin, Map.of("phoneNumber", TestUsers.newPhoneNumber(), "deliveryMethods", List.of("fax"))),
                400, "invalid_delivery_method");
        assertError(api.post(phones, admin, Map.of("phoneNumber", TestUsers.newPhoneNumber(), "label", "x".repeat(65))), 400,
                "invalid_label");
        assertError(api.post(phones, admin, "{not json"), 400, "invalid_json");
        assertError(api.post("users/" + full.id() + "/phones", admin, Map.of("phoneNumber", TestUsers.newPhoneNumber())), 400,
                "too_many_phones");
        assertError(api.post("users/" + full.id() + "/phones", admin, Map.of("phoneNumber", full.phone())), 400,
                "duplicate_phone");
        assertThat(api.get(phones, admin).json()).isEmpty();
        assertThat(api.get("users/" + full.id() + "/phones", admin).json()).hasSize(5);

        assertError(api.get("users/no-such-user/phones", admin), 404, "user_not_found");
        assertError(api.post("users/no-such-user/phone-reset", admin, null), 404, "user_not_found");
        assertError(api.delete(phones + "/no-such-phone", admin), 404, "phone_not_found");
        String otherUsersPhone = api.get("users/" + full.id() + "/phones", admin).json().get(0).path("id").asText();
        assertError(api.delete(phones + "/" + otherUsersPhone, admin), 404, "phone_not_found");
        assertThat(api.get("users/" + full.id() + "/phones", admin).json()).hasSize(5);
    }

    private static void grantRealmManagementRole(PimKeycloak keycloak, TestUser user, String role) {
        ClientRepresentation realmManagement = keycloak.realm().clients().findByClientId("realm-management").get(0);
        ClientResource client = keycloak.realm().clients().get(realmManagement.getId());
        keycloak.realm().users().get(user.id()).roles().clientLevel(realmManagement.getId())
                .add(List.of(client.roles().get(role).toRepresentation()));
    }

    private static void assertError(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/json");
        assertThat(answer.json().path("error").asText()).as(answer.toString()).isEqualTo(error);
        assertThat(answer.json().path("message").asText()).as(answer.toString()).isNotBlank();
    }
}
