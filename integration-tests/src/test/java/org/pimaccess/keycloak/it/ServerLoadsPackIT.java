package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
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
}
