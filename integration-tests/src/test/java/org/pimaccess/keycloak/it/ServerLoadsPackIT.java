package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigInfoRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;

@PimKeycloakTest
class ServerLoadsPackIT {

    @Test
    void theServerListsThePhoneMessageSenderSpiWithItsLogProvider(PimKeycloak keycloak) {
        ServerInfoRepresentation info = keycloak.admin().serverInfo().getInfo();

        assertThat(info.getProviders()).containsKey("phone-message-sender");
        assertThat(info.getProviders().get("phone-message-sender").getProviders()).containsKey("log");
    }

    @Test
    void theServerOffersThePimLoginTheme(PimKeycloak keycloak) {
        List<ThemeInfoRepresentation> loginThemes = keycloak.admin().serverInfo().getInfo().getThemes().get("login");

        assertThat(loginThemes).extracting(ThemeInfoRepresentation::getName).contains("pim");
    }

    @Test
    void realmPimWasImportedWithOrganizationsBruteForceProtectionAndThePimTheme(PimKeycloak keycloak) {
        RealmRepresentation realm = keycloak.realm().toRepresentation();

        assertThat(realm.isEnabled()).isTrue();
        assertThat(realm.isOrganizationsEnabled()).isTrue();
        assertThat(realm.isBruteForceProtected()).isTrue();
        assertThat(realm.getLoginTheme()).isEqualTo("pim");
        assertThat(realm.getSupportedLocales()).contains("en", "de", "fr");
        assertThat(realm.getSmtpServer()).containsEntry("port", Integer.toString(keycloak.mail().getSmtp().getPort()));
    }

    @Test
    void clientPimIsAConfidentialRelyingPartyWithTheThreeApplicationRoles(PimKeycloak keycloak) {
        List<ClientRepresentation> clients = keycloak.realm().clients().findByClientId("pim");
        assertThat(clients).hasSize(1);
        ClientRepresentation pim = clients.get(0);

        assertThat(pim.isPublicClient()).isFalse();
        assertThat(pim.isStandardFlowEnabled()).isTrue();
        assertThat(keycloak.realm().clients().get(pim.getId()).getSecret().getValue()).isEqualTo("pim-dev-secret");
        assertThat(keycloak.realm().clients().get(pim.getId()).roles().list())
                .extracting(RoleRepresentation::getName)
                .containsExactlyInAnyOrder("pim-viewer", "pim-editor", "pim-org-admin");
    }

    @Test
    void everyPhoneOtpSettingShowsInTheAdminConsoleWithHelpText(PimKeycloak keycloak) {
        AuthenticatorConfigInfoRepresentation description =
                keycloak.realm().flows().getAuthenticatorConfigDescription("phone-otp-authenticator");

        assertThat(description.getProperties())
                .extracting(ConfigPropertyRepresentation::getName)
                .containsExactlyInAnyOrder("code-length", "code-ttl-seconds", "max-code-failures",
                        "resend-cooldown-seconds", "user-send-cap", "phone-send-cap", "ip-send-cap",
                        "send-cap-window-seconds", "allowed-countries", "sms-sender", "voice-sender",
                        "realm-sms-budget", "realm-voice-budget", "country-sms-budget", "country-voice-budget",
                        "budget-window-seconds", "registration-budget-percent", "client-address-hop", "ipv6-prefix-length",
                        "spend-limit-fails-over", "trusted-browser-days");
        assertThat(description.getProperties()).allSatisfy(property -> {
            assertThat(property.getLabel()).isNotBlank();
            assertThat(property.getHelpText()).isNotBlank();
        });
    }

    @Test
    void realmPimHasTheStepUpFlowAndPimDemandsPhoneOtp(PimKeycloak keycloak) {
        RealmRepresentation realm = keycloak.realm().toRepresentation();
        assertThat(realm.getBrowserFlow()).isEqualTo("pim browser");
        assertThat(realm.getAttributes()).containsEntry("acr.loa.map", "{\"password\":1,\"phone-otp\":2,\"passkey\":3}");
        assertThat(keycloak.realm().flows().getExecutions("pim browser"))
                .extracting(AuthenticationExecutionInfoRepresentation::getProviderId)
                .contains("auth-cookie", "conditional-level-of-authentication", "auth-username-password-form",
                        "phone-otp-authenticator", "conditional-credential", "pim-passkey-level",
                        "pim-passkey-step", "pim-organization-sign-in-policy");
        assertThat(keycloak.realm().clients().findByClientId("pim").get(0).getAttributes())
                .containsEntry("minimum.acr.value", "phone-otp");
        assertThat(keycloak.realm().flows().getFlows())
                .extracting(AuthenticationFlowRepresentation::getAlias)
                .contains("registration", "reset credentials", "direct grant");
    }

    @Test
    void realmPimRegistersOrganizationsAndRunsTheOrgAdminListenerWithEveryOptionDescribed(PimKeycloak keycloak) {
        RealmRepresentation realm = keycloak.realm().toRepresentation();
        assertThat(realm.getRegistrationFlow()).isEqualTo("pim registration");
        assertThat(realm.getEventsListeners()).contains("pim-org-admin");
        assertThat(keycloak.realm().flows().getExecutions("pim registration form"))
                .extracting(AuthenticationExecutionInfoRepresentation::getProviderId)
                .containsSubsequence("registration-user-creation", "pim-organization-registration");

        AuthenticatorConfigInfoRepresentation registration =
                keycloak.realm().flows().getAuthenticatorConfigDescription("pim-organization-registration");
        assertThat(registration.getProperties()).extracting(ConfigPropertyRepresentation::getName)
                .containsExactly("approval-required");
        assertThat(registration.getProperties()).allSatisfy(property -> assertThat(property.getHelpText()).isNotBlank());

        ServerInfoRepresentation info = keycloak.admin().serverInfo().getInfo();
        assertThat(info.getProviders().get("eventsListener").getProviders().get("pim-org-admin").getOperationalInfo())
                .containsEntry("client-id", "pim");
        assertThat(info.getProviders().get("realm-restapi-extension").getProviders().get("pim-org-admin")
                .getOperationalInfo()).containsEntry("required-acr", "phone-otp");
    }
}
