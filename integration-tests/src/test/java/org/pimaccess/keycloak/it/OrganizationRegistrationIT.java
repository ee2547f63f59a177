package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.Person;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

@PimKeycloakTest
class OrganizationRegistrationIT {

    @Test
    void aPersonRegistersANewOrganizationAndIsItsMemberAndAdmin(PimKeycloak keycloak) {
        Orgs orgs = new Orgs(keycloak);
        Person person = TestUsers.newPerson();
        String organizationName = Orgs.uniqueName("Müller & Söhne");
        String number = TestUsers.newPhoneNumber();
        SignIn signIn = new SignIn(keycloak.baseUrl());

        Page form = signIn.openRegistration("pim");
        assertThat(form.document().getElementById("organizationName")).as(form.text()).isNotNull();
        Map<String, String> fields = person.registrationFields();
        fields.put("organizationName", "  " + organizationName + " ");
        Page phonePage = signIn.register(fields);
        assertThat(phonePage.hasForm("pim-phone-register")).as(phonePage.text()).isTrue();
        signIn.registerPhone(number, null, "Mobile", "sms");
        assertThat(signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), number)).isCallback()).isTrue();
        Map<String, Object> tokens = signIn.tokens("pim", SignIn.PIM_SECRET);

        OrganizationRepresentation organization = orgs.byName(organizationName);
        assertThat(organization).as("organization " + organizationName).isNotNull();
        assertThat(organization.isEnabled()).isTrue();
        assertThat(organization.getAlias()).startsWith("muller-sohne-");
        String userId = keycloak.realm().users().searchByUsername(person.username(), true).get(0).getId();
        assertThat(orgs.members(organization.getId())).extracting(m -> m.getId()).containsExactly(userId);
        assertThat(orgs.adminIds(organization.getId())).containsExactly(userId);

        Map<String, Object> access = Tokens.claims((String) tokens.get("access_token"));
        assertThat(access).containsEntry("acr", "phone-otp");
        assertThat(access.get("resource_access").toString()).contains("pim-org-admin");
        assertThat(access.get("organization").toString()).contains(organization.getAlias());

        Person second = TestUsers.newPerson();
        SignIn secondSignIn = new SignIn(keycloak.baseUrl());
        secondSignIn.openRegistration("pim");
        Map<String, String> secondFields = second.registrationFields();
        secondFields.put("organizationName", organizationName);
        Page refused = secondSignIn.register(secondFields);
        assertThat(refused.errors()).contains("This organization is already registered. Ask its administrator to invite you.");
        assertThat(keycloak.realm().users().searchByUsername(second.username(), true)).isEmpty();
        assertThat(orgs.members(organization.getId())).extracting(m -> m.getId()).containsExactly(userId);
    }

    @Test
    void aTakenNameIsRefusedWithAClearErrorThatKeepsTheOtherInputsAndMakesNoMember(PimKeycloak keycloak) {
        Orgs orgs = new Orgs(keycloak);
        String organizationName = Orgs.uniqueName("Acme");
        String existing = orgs.create(organizationName);
        Person person = TestUsers.newPerson();
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.openRegistration("pim");
        Map<String, String> fields = person.registrationFields();
        fields.put("organizationName", organizationName);

        Page refused = signIn.register(fields);

        assertThat(refused.hasForm("kc-register-form")).as(refused.text()).isTrue();
        assertThat(refused.errors()).contains("This organization is already registered. Ask its administrator to invite you.");
        assertThat(refused.document().getElementById("email").val()).isEqualTo(person.email());
        assertThat(refused.document().getElementById("firstName").val()).isEqualTo(person.firstName());
        assertThat(refused.document().getElementById("organizationName").val()).isEqualTo(organizationName);
        assertThat(keycloak.realm().users().searchByUsername(person.username(), true)).isEmpty();
        assertThat(orgs.members(existing)).isEmpty();
    }

    @Test
    void anEmptyNameIsAskedFor(PimKeycloak keycloak) {
        Person person = TestUsers.newPerson();
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.openRegistration("pim");
        Map<String, String> fields = person.registrationFields();
        fields.put("organizationName", "   ");

        Page refused = signIn.register(fields);

        assertThat(refused.errors()).contains("Enter the name of your organization.");
        assertThat(keycloak.realm().users().searchByUsername(person.username(), true)).isEmpty();
    }

    @Test
    void withApprovalRequiredTheNewOrganizationWaitsDisabled(PimKeycloak keycloak) throws Exception {
        Orgs orgs = new Orgs(keycloak);
        Person person = TestUsers.newPerson();
        String organizationName = Orgs.uniqueName("Waiting Ltd");
        try (AutoCloseable approval = registrationConfig(keycloak, Map.of("approval-required", "true"))) {
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.openRegistration("pim");
            Map<String, String> fields = person.registrationFields();
            fields.put("organizationName", organizationName);
            assertThat(signIn.register(fields).hasForm("pim-phone-register")).isTrue();
        }

        OrganizationRepresentation organization = orgs.byName(organizationName);
        assertThat(organization.isEnabled()).isFalse();
        assertThat(orgs.adminIds(organization.getId())).hasSize(1);
    }

    /** Changes the organization form action's config, as in the admin console, until closed. */
    private static AutoCloseable registrationConfig(PimKeycloak keycloak, Map<String, String> changes) {
        String configId = keycloak.realm().flows().getExecutions("pim registration form").stream()
                .filter(e -> "pim-organization-registration".equals(e.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = keycloak.realm().flows().getAuthenticatorConfig(configId);
        Map<String, String> before = Map.copyOf(config.getConfig());
        config.getConfig().putAll(changes);
        keycloak.realm().flows().updateAuthenticatorConfig(configId, config);
        return () -> {
            AuthenticatorConfigRepresentation restored = keycloak.realm().flows().getAuthenticatorConfig(configId);
            restored.setConfig(new HashMap<>(before));
            keycloak.realm().flows().updateAuthenticatorConfig(configId, restored);
        };
    }
}
