package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.Person;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
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
        assertThat(access.get("organization").toString()).contains(organization.getAlias());
        assertThat(Tokens.rolesIn(access, organization.getAlias())).containsExactly("pim-org-admin");

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
    void aNameThatDiffersOnlyInCaseOrWidthIsTaken(PimKeycloak keycloak) {
        Orgs orgs = new Orgs(keycloak);
        String organizationName = Orgs.uniqueName("Acme");
        String existing = orgs.create(organizationName);

        for (String variant : new String[] {organizationName.toUpperCase(), organizationName.toLowerCase(),
                "Ａｃｍｅ" + organizationName.substring(4)}) {
            Person person = TestUsers.newPerson();
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.openRegistration("pim");
            Map<String, String> fields = person.registrationFields();
            fields.put("organizationName", variant);

            Page refused = signIn.register(fields);

            assertThat(refused.errors()).as(variant).contains("This organization is already registered. Ask its administrator to invite you.");
            assertThat(keycloak.realm().users().searchByUsername(person.username(), true)).isEmpty();
        }
        assertThat(orgs.members(existing)).isEmpty();
    }

    @Test
    void lookAlikesOfARegisteredNameAreTakenAndDomainShapedNamesAreRefused(PimKeycloak keycloak) {
        String acme = Orgs.uniqueName("Acme");
        String inc = Orgs.uniqueName("Globex") + " Inc";
        for (String name : List.of(acme, inc)) {
            Page registered = register(keycloak, TestUsers.newPerson(), name);
            assertThat(registered.hasForm("pim-phone-register")).as(name + ": " + registered.errors()).isTrue();
        }

        for (String lookAlike : List.of("\u0410" + acme.substring(1), acme + ".", acme + "-", acme.replace(" ", ""),
                inc.replace(" Inc", " lnc"))) {
            Person person = TestUsers.newPerson();
            Page refused = register(keycloak, person, lookAlike);
            assertThat(refused.errors()).as(lookAlike)
                    .contains("This organization is already registered. Ask its administrator to invite you.");
            assertThat(keycloak.realm().users().searchByUsername(person.username(), true)).isEmpty();
        }

        Person person = TestUsers.newPerson();
        Page domain = register(keycloak, person, "acme-" + acme.substring(5) + ".net");
        assertThat(domain.errors())
                .contains("Enter your organization's name, not a web or mail address (such as acme-sso.net).");
        assertThat(keycloak.realm().users().searchByUsername(person.username(), true)).isEmpty();
    }

    private static Page register(PimKeycloak keycloak, Person person, String organizationName) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.openRegistration("pim");
        Map<String, String> fields = person.registrationFields();
        fields.put("organizationName", organizationName);
        return signIn.register(fields);
    }

    @Test
    void namesWithMarkupInvisibleCharactersOrOver100CharactersAreRefusedWithAFieldMessage(PimKeycloak keycloak) {
        Map<String, String> refusals = Map.of(
                "<a href=\"https://evil.example/login\">Confirm your PIM account</a>",
                "Use only letters, digits, spaces and the punctuation . , ' & ( ) - + ! ? # (no markup, links or invisible characters).",
                "Acme\u200B " + Orgs.uniqueName("Zero"),
                "Use only letters, digits, spaces and the punctuation . , ' & ( ) - + ! ? # (no markup, links or invisible characters).",
                "Acme \u202Egnp.exe",
                "Use only letters, digits, spaces and the punctuation . , ' & ( ) - + ! ? # (no markup, links or invisible characters).",
                "A".repeat(101), "Use at most 100 characters.");
        refusals.forEach((name, message) -> {
            Person person = TestUsers.newPerson();
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.openRegistration("pim");
            Map<String, String> fields = person.registrationFields();
            fields.put("organizationName", name);

            Page refused = signIn.register(fields);

            assertThat(refused.hasForm("kc-register-form")).as(name).isTrue();
            assertThat(refused.document().select("#input-error-organizationName, [id*=organizationName][id*=error]").text())
                    .as(name).contains(message);
            assertThat(keycloak.realm().users().searchByUsername(person.username(), true)).isEmpty();
        });
        assertThat(new Orgs(keycloak).byName("Confirm your PIM account")).isNull();
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

    /** The pack's page after registration follows the same approval setting as the registration page's field. */
    @Test
    void withApprovalRequiredAnOrganizationNamedOnThePacksPageUnderTheStockThemeIsCreatedDisabledToo(PimKeycloak keycloak)
            throws Exception {
        Orgs orgs = new Orgs(keycloak);
        Person person = TestUsers.newPerson();
        String organizationName = Orgs.uniqueName("Waiting Stock Ltd");
        try (AutoCloseable approval = registrationConfig(keycloak, Map.of("approval-required", "true"));
                AutoCloseable stock = RealmSettings.change(keycloak.realm(), realm -> realm.setLoginTheme("keycloak.v2"))) {
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.openRegistration("pim");
            assertThat(signIn.register(person.registrationFields()).hasForm("pim-organization")).isTrue();
            Page next = signIn.browser().submit("pim-organization", Map.of("organizationName", organizationName), null);
            assertThat(next.hasForm("pim-phone-register")).as(next.text()).isTrue();
        }

        OrganizationRepresentation organization = orgs.byName(organizationName);
        assertThat(organization.isEnabled()).isFalse();
        assertThat(orgs.adminIds(organization.getId())).hasSize(1);
    }

    @Test
    void withApprovalRequiredTheRegistrantHoldsNoRolesUntilARealmAdminEnablesTheOrganization(PimKeycloak keycloak)
            throws Exception {
        Orgs orgs = new Orgs(keycloak);
        Person person = TestUsers.newPerson();
        String organizationName = Orgs.uniqueName("Pending Ltd");
        String number = TestUsers.newPhoneNumber();
        Map<String, Object> before;
        try (AutoCloseable approval = registrationConfig(keycloak, Map.of("approval-required", "true"))) {
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.openRegistration("pim");
            Map<String, String> fields = person.registrationFields();
            fields.put("organizationName", organizationName);
            assertThat(signIn.register(fields).hasForm("pim-phone-register")).isTrue();
            signIn.registerPhone(number, null, "Mobile", "sms");
            assertThat(signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), number)).isCallback()).isTrue();
            before = Tokens.claims((String) signIn.tokens("pim", SignIn.PIM_SECRET).get("access_token"));
        }
        OrganizationRepresentation organization = orgs.byName(organizationName);
        TestUser registrant = new TestUser(
                keycloak.realm().users().searchByUsername(person.username(), true).get(0).getId(), person.username(),
                List.of(number));

        assertThat(before).containsEntry("acr", "phone-otp").doesNotContainKey("organization");
        assertThat(String.valueOf(before.get("resource_access"))).doesNotContain("pim-");
        String apiToken = Tokens.orgAdmin(keycloak, registrant);
        OrgAdminApi api = new OrgAdminApi(keycloak);
        String path = "organizations/" + organization.getId();
        for (Answer answer : List.of(
                api.put(path + "/members/" + registrant.id() + "/roles", apiToken,
                        Map.of("roles", List.of("pim-org-admin", "pim-editor"))),
                api.get(path + "/members", apiToken),
                api.post(path + "/invitations", apiToken, Map.of("email", "early-" + person.email(), "roles", List.of())))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
            assertThat(answer.json().path("error").asText()).isEqualTo("organization_disabled");
        }
        assertThat(orgs.roles(organization.getId(), registrant.id())).containsExactly("pim-org-admin");

        organization.setEnabled(true);
        orgs.get(organization.getId()).update(organization).close();

        Map<String, Object> after = Tokens.claims(Tokens.phoneOtp(keycloak, registrant));
        assertThat(Tokens.rolesIn(after, organization.getAlias())).containsExactly("pim-org-admin");
        assertThat(api.get(path + "/members", apiToken).status()).isEqualTo(200);
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
