package org.pimaccess.keycloak.it.harness;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.OrganizationResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Organizations as a realm admin sees them, through the admin REST API. */
public final class Orgs {

    private final RealmResource realm;

    public Orgs(PimKeycloak keycloak) {
        this(keycloak.realm());
    }

    public Orgs(RealmResource realm) {
        this.realm = realm;
    }

    public static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A realm admin creates an organization with no members. */
    public String create(String name) {
        return create(name, name.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
    }

    /** A realm admin creates an organization with no members, with this alias; realm admins may name it freely. */
    public String create(String name, String alias) {
        OrganizationRepresentation organization = new OrganizationRepresentation();
        organization.setName(name);
        organization.setAlias(alias);
        organization.setEnabled(true);
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation();
        domain.setName(organization.getAlias() + ".example.test");
        organization.addDomain(domain);
        try (Response response = realm.organizations().create(organization)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating an organization answered " + response.getStatus() + ": "
                        + response.readEntity(String.class));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    public OrganizationResource get(String id) {
        return realm.organizations().get(id);
    }

    public OrganizationRepresentation byName(String name) {
        return realm.organizations().search(name, true, 0, 1).stream().findFirst().orElse(null);
    }

    /** A realm admin adds an existing user as a member. */
    public void addMember(String organizationId, String userId) {
        try (Response response = get(organizationId).members().addMember(userId)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Adding a member answered " + response.getStatus() + ": "
                        + response.readEntity(String.class));
            }
        }
    }

    public List<MemberRepresentation> members(String organizationId) {
        return get(organizationId).members().list(0, 1000);
    }

    /** The user's effective roles of client {@code pim}: direct, composite and through groups. */
    public List<String> pimRoles(String userId) {
        String pim = realm.clients().findByClientId("pim").get(0).getId();
        return realm.users().get(userId).roles().clientLevel(pim).listEffective().stream()
                .map(RoleRepresentation::getName).sorted().toList();
    }

    /** The user's roles in one organization: their groups {@code pim-organizations/<alias>/<role>}. */
    public List<String> roles(String organizationId, String userId) {
        String parent = "/pim-organizations/" + get(organizationId).toRepresentation().getAlias() + "/";
        return realm.users().get(userId).groups(0, 1000, false).stream()
                .map(group -> group.getPath())
                .filter(path -> path.startsWith(parent))
                .map(path -> path.substring(parent.length()))
                .sorted().toList();
    }

    /** Members of the organization that hold {@code pim-org-admin} there. */
    public List<String> adminIds(String organizationId) {
        return members(organizationId).stream()
                .filter(member -> roles(organizationId, member.getId()).contains("pim-org-admin"))
                .map(MemberRepresentation::getId)
                .toList();
    }

    /** Ids of the members of the organization's admin group, read through the group, up to 10. */
    public List<String> adminGroupMembers(String organizationId) {
        String alias = get(organizationId).toRepresentation().getAlias();
        String groupId = realm.getGroupByPath("pim-organizations/" + alias + "/pim-org-admin").getId();
        return realm.groups().group(groupId).members(0, 10).stream().map(UserRepresentation::getId).toList();
    }
}
