package org.pimaccess.keycloak.organization.signin;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.pimaccess.keycloak.organization.store.OrganizationTables;
import org.pimaccess.keycloak.organization.store.SignInPolicyEntity;

/**
 * Organizations' sign-in policies, rows of {@code PIM_ORG_SIGN_IN_POLICY}: one organization's (the org-admin API)
 * and what a person's organizations ask of them together (sign-in). Every read is a new query, so it sees what is
 * committed; a change holds the organization's lock, taken by the caller before it reads.
 */
public final class SignInPolicies {

    private final KeycloakSession session;
    private final EntityManager tables;

    public SignInPolicies(KeycloakSession session) {
        this.session = session;
        this.tables = OrganizationTables.of(session);
    }

    public SignInPolicy of(OrganizationModel organization) {
        return rows(Set.of(organization.getId())).getOrDefault(organization.getId(), SignInPolicy.DEFAULT);
    }

    /** Stores the policy; the caller holds the organization's lock. */
    public void set(OrganizationModel organization, SignInPolicy policy) {
        SignInPolicyEntity row = tables.find(SignInPolicyEntity.class, organization.getId());
        if (row == null) {
            tables.persist(new SignInPolicyEntity(organization.getId(), policy.level().acr(), policy.trustedBrowserDays()));
        } else {
            row.set(policy.level().acr(), policy.trustedBrowserDays());
        }
        tables.flush();
    }

    /**
     * What the person's active organizations ask: the highest level, the organizations that ask it, and the fewest
     * trusted-browser days any of them set. Three queries, whatever the organizations' sizes: the person's
     * organizations, their suspensions, and those organizations' policies; never a member list.
     */
    public PersonPolicy ofPerson(UserModel user) {
        if (!session.getContext().getRealm().isOrganizationsEnabled()) {
            return PersonPolicy.NONE;
        }
        Set<String> active = session.getProvider(OrganizationProvider.class).getByMember(user)
                .map(OrganizationModel::getId)
                .collect(Collectors.toCollection(HashSet::new));
        if (active.isEmpty()) {
            return PersonPolicy.NONE;
        }
        active.removeAll(tables.createQuery("select s.organizationId from SuspensionEntity s where s.userId = :user",
                        String.class)
                .setParameter("user", user.getId())
                .getResultList());
        return active.isEmpty() ? PersonPolicy.NONE : PersonPolicy.of(active, rows(active));
    }

    private Map<String, SignInPolicy> rows(Set<String> organizationIds) {
        return tables.createQuery("select p from SignInPolicyEntity p where p.organizationId in :organizations",
                        SignInPolicyEntity.class)
                .setParameter("organizations", organizationIds)
                .getResultStream()
                .collect(Collectors.toMap(SignInPolicyEntity::getOrganizationId, row -> new SignInPolicy(
                        SignInLevel.ofAcr(row.getLevel()).orElse(SignInLevel.PHONE_OTP), row.getTrustedBrowserDays())));
    }
}
