package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Browser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * An identity provider whose email mapper syncs in mode FORCE writes the address straight into the account at
 * each brokered sign-in, past the user profile. Someone who holds only a person's password and has linked their own
 * identity there must not move the address that a phone reset's link goes to: the same rule as every other email
 * change (phone OTP first, never while a reset is pending). The provider is a second realm of the same Keycloak.
 */
@PimKeycloakTest
class IdentityProviderEmailIT {

    private static final String SECRET = "broker-secret";

    @Test
    void aBrokeredSignInThroughAForceSyncedEmailMapperDoesNotMoveTheAddressOfAnAccountWithAPhone(PimKeycloak keycloak) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String idpRealm = "idp-" + suffix;
        String alias = "partner-" + suffix;
        String attackerEmail = "attacker-" + suffix + "@example.test";
        String attackerId = providerRealmWithUser(keycloak, idpRealm, alias, attackerEmail);
        identityProviderForcingEmail(keycloak, idpRealm, alias);
        try {
            brokeredSignInLeavesTheAddress(keycloak, idpRealm, alias, attackerId);
        } finally {
            // Realm pim's sign-in page shows every enabled provider: other tests must not see this one.
            keycloak.realm().identityProviders().get(alias).remove();
            keycloak.admin().realm(idpRealm).remove();
        }
    }

    private static void brokeredSignInLeavesTheAddress(PimKeycloak keycloak, String idpRealm, String alias, String attackerId) {
        TestUser victim = TestUsers.withPhones(keycloak, 1);
        String victimEmail = victim.username() + "@example.test";
        // The attacker's own identity linked to the account: here through the admin API, standing in for any way to
        // link one (account linking asks only for a signed-in session).
        FederatedIdentityRepresentation link = new FederatedIdentityRepresentation();
        link.setIdentityProvider(alias);
        link.setUserId(attackerId);
        link.setUserName("attacker");
        try (Response linked = keycloak.realm().users().get(victim.id()).addFederatedIdentity(alias, link)) {
            assertThat(linked.getStatus()).isEqualTo(204);
        }

        Browser browser = new Browser(keycloak.baseUrl());
        Page signIn = browser.openSignIn(Clients.passwordOnly(keycloak), "password");
        Element provider = signIn.document().getElementById("social-" + alias);
        assertThat(provider).as(signIn.text()).isNotNull();
        browser.get(URI.create(provider.absUrl("href")));
        Page back = new SignIn(keycloak.baseUrl(), browser).password("attacker", TestUsers.PASSWORD);

        assertThat(back.isCallback()).as("signed in through the provider: " + back.uri() + " " + back.text()).isTrue();
        UserRepresentation after = keycloak.realm().users().get(victim.id()).toRepresentation();
        assertThat(after.getFirstName()).as("the provider's FORCE sync reached the account").isEqualTo("Mallory");
        assertThat(after.getEmail()).as("the address the reset link goes to").isEqualTo(victimEmail);
    }

    /** Realm {@code idpRealm} with a confidential client for realm pim's broker and the attacker's account. */
    private static String providerRealmWithUser(PimKeycloak keycloak, String idpRealm, String alias, String email) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(idpRealm);
        realm.setEnabled(true);
        realm.setSslRequired("none");
        // Its pages on another host than realm pim's (localhost), as a real provider's are: the tests' cookie jar keeps
        // one cookie per host and name, and both realms name their sign-in cookie AUTH_SESSION_ID.
        realm.setAttributes(Map.of("frontendUrl", providerBase(keycloak)));
        keycloak.admin().realms().create(realm);
        RealmResource provider = keycloak.admin().realm(idpRealm);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("pim-broker");
        client.setSecret(SECRET);
        client.setPublicClient(false);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(keycloak.baseUrl().resolve("/realms/pim/broker/" + alias + "/endpoint").toString()));
        provider.clients().create(client).close();
        UserRepresentation attacker = new UserRepresentation();
        attacker.setUsername("attacker");
        attacker.setEmail(email);
        attacker.setEmailVerified(true);
        attacker.setFirstName("Mallory");
        attacker.setLastName("Attacker");
        attacker.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(TestUsers.PASSWORD);
        password.setTemporary(false);
        attacker.setCredentials(List.of(password));
        try (Response created = provider.users().create(attacker)) {
            return CreatedResponseUtil.getCreatedId(created);
        }
    }

    private static String providerBase(PimKeycloak keycloak) {
        return "http://127.0.0.1:" + keycloak.baseUrl().getPort();
    }

    /** An OIDC identity provider of realm pim on that realm, syncing every sign-in (FORCE), email mapper FORCE too. */
    private static void identityProviderForcingEmail(PimKeycloak keycloak, String idpRealm, String alias) {
        String issuer = providerBase(keycloak) + "/realms/" + idpRealm;
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(alias);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setConfig(Map.of("clientId", "pim-broker", "clientSecret", SECRET, "clientAuthMethod", "client_secret_post",
                "authorizationUrl", issuer + "/protocol/openid-connect/auth",
                "tokenUrl", issuer + "/protocol/openid-connect/token",
                "defaultScope", "openid email profile", "syncMode", "FORCE", "validateSignature", "false"));
        keycloak.realm().identityProviders().create(idp).close();
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName("email");
        mapper.setIdentityProviderAlias(alias);
        mapper.setIdentityProviderMapper("oidc-user-attribute-idp-mapper");
        mapper.setConfig(Map.of("claim", "email", "user.attribute", "email", "syncMode", "FORCE"));
        keycloak.realm().identityProviders().get(alias).addMapper(mapper).close();
    }
}
