package org.pimaccess.keycloak.it.harness;

import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * An organization a realm admin created, whose first member (added through the admin API) became its
 * admin, with a phone-OTP token for that admin that is meant for the org-admin API.
 */
public record OrgFixture(String id, String name, TestUser admin, String adminToken) {

    public static OrgFixture create(PimKeycloak keycloak, String prefix) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName(prefix);
        String id = orgs.create(name);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(id, admin.id());
        return new OrgFixture(id, name, admin, Tokens.orgAdmin(keycloak, admin));
    }

    /** Adds a user with a phone as a plain member. */
    public TestUser addMember(PimKeycloak keycloak) {
        TestUser member = TestUsers.withPhones(keycloak, 1);
        new Orgs(keycloak).addMember(id, member.id());
        return member;
    }

    public String alias() {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    public String path(String rest) {
        return "organizations/" + id + (rest.isEmpty() ? "" : "/" + rest);
    }
}
