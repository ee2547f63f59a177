package org.pimaccess.keycloak.organization;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Application roles inside one organization, kept in Keycloak's own groups so that they show in the
 * admin console (Groups) and stay with the organization they were granted in.
 *
 * <p>Layout: a realm group {@code pim-organizations}, one subgroup per organization (named by its
 * alias), and below it one group per client role of the application client (default {@code pim}).
 * Membership of {@code /pim-organizations/<alias>/pim-editor} is the role {@code pim-editor} in that
 * organization. Group ids are derived from the realm, organization and role, so every lookup is one read
 * by id and nothing lists members or groups.
 *
 * <p>The groups carry no role mappings: a role mapping would reach {@code resource_access} as a union
 * over all of a person's organizations, where a relying party cannot tell which organization a role
 * belongs to. Tokens carry the roles per organization instead, through the {@code pim-organization-roles}
 * protocol mapper, and only for enabled organizations.
 *
 * <p>The allow-list is the client's roles: whatever the realm admin defines on client {@code pim} is
 * assignable by org admins, and nothing else is. Their descriptions are their human names.
 */
public final class OrgRoles {

    /** The client role that makes a member an admin of their organization. */
    public static final String ADMIN = "pim-org-admin";
    static final String ROOT_GROUP = "pim-organizations";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String clientId;
    private Set<String> allowList;

    public OrgRoles(KeycloakSession session, String clientId) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * The assignable roles; empty when the realm has no such client. Read once per instance, which
     * lives for one request or one join, since a member list asks for it once per member.
     */
    public Set<String> allowList() {
        if (allowList == null) {
            ClientModel client = realm.getClientByClientId(clientId);
            allowList = client == null ? Set.of() : Collections.unmodifiableSortedSet(client.getRolesStream()
                    .map(RoleModel::getName).collect(Collectors.toCollection(TreeSet::new)));
        }
        return allowList;
    }

    /** The roles in {@code wanted} that are not on the allow-list. */
    public Set<String> notAllowed(Collection<String> wanted) {
        Set<String> allowed = allowList();
        return wanted.stream().filter(role -> !allowed.contains(role)).collect(Collectors.toCollection(TreeSet::new));
    }

    public Optional<GroupModel> group(OrganizationModel organization, String role) {
        return Optional.ofNullable(session.groups().getGroupById(realm, roleGroupId(organization, role)));
    }

    /**
     * The role's group in this organization, created with its parents and role mapping when missing.
     * Callers hold the {@link OrgLock} of the organization, as creation must not race.
     */
    public GroupModel ensureGroup(OrganizationModel organization, String role) {
        return group(organization, role).orElseGet(() -> {
            GroupModel group = session.groups().createGroup(realm, roleGroupId(organization, role), role,
                    ensureOrganizationGroup(organization));
            group.setDescription("Members hold the " + clientId + " role " + role + " in " + organization.getName());
            return group;
        });
    }

    /** A role's human name: its description on the application client where set, else its name. */
    public String humanName(String role) {
        ClientModel client = realm.getClientByClientId(clientId);
        RoleModel model = client == null ? null : client.getRole(role);
        String description = model == null ? null : model.getDescription();
        return description == null || description.isBlank() ? role : description;
    }

    /** The member's roles in this organization, sorted. */
    public Set<String> rolesOf(OrganizationModel organization, UserModel user) {
        String parent = organizationGroupId(organization);
        Set<String> allowed = allowList();
        return user.getGroupsStream()
                .filter(group -> parent.equals(group.getParentId()))
                .map(GroupModel::getName)
                .filter(allowed::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public boolean holds(OrganizationModel organization, UserModel user, String role) {
        String id = roleGroupId(organization, role);
        return user.getGroupsStream().anyMatch(group -> id.equals(group.getId()));
    }

    /** An admin who is suspended in this organization is no admin there (see {@link Suspensions}). */
    public boolean isAdmin(OrganizationModel organization, UserModel user) {
        return holds(organization, user, ADMIN) && !new Suspensions(session).isSuspended(organization, user);
    }

    /**
     * The roles the member may use in this organization: none while suspended there, else
     * {@link #rolesOf}. Tokens and the APIs read these; the member list shows the roles on record.
     */
    public Set<String> activeRolesOf(OrganizationModel organization, UserModel user) {
        return new Suspensions(session).isSuspended(organization, user) ? new TreeSet<>() : rolesOf(organization, user);
    }

    /**
     * Whether an admin who is not suspended, other than {@code userId}, remains. Call it holding the
     * organization's {@link OrgLock}: the admins and the suspensions are read by new queries after it, so
     * they are what the last holder committed. Reads admins only until one active admin is found.
     */
    public boolean hasActiveAdminBesides(OrganizationModel organization, String userId) {
        Set<String> suspended = new Suspensions(session).suspendedIn(organization);
        return group(organization, ADMIN)
                .map(admins -> session.users().getGroupMembersStream(realm, admins)
                        .anyMatch(admin -> !admin.getId().equals(userId) && !suspended.contains(admin.getId())))
                .orElse(false);
    }

    /** At most {@code limit} admins counted: the caller only ever needs "none", "one" or "more". */
    public long admins(OrganizationModel organization, int limit) {
        return group(organization, ADMIN)
                .map(group -> session.users().getGroupMembersStream(realm, group, 0, limit).count())
                .orElse(0L);
    }

    /** The first {@code limit} admins who are not suspended, in Keycloak's order of group members. */
    public List<UserModel> activeAdmins(OrganizationModel organization, int limit) {
        Set<String> suspended = new Suspensions(session).suspendedIn(organization);
        return group(organization, ADMIN)
                .map(admins -> session.users().getGroupMembersStream(realm, admins)
                        .filter(admin -> !suspended.contains(admin.getId()))
                        .limit(limit)
                        .toList())
                .orElse(List.of());
    }

    public void grant(OrganizationModel organization, UserModel user, String role) {
        if (!holds(organization, user, role)) {
            user.joinGroup(ensureGroup(organization, role));
        }
    }

    public void revoke(OrganizationModel organization, UserModel user, String role) {
        if (holds(organization, user, role)) {
            group(organization, role).ifPresent(user::leaveGroup);
        }
    }

    /** All of the member's roles in this organization go, as when they leave it. */
    public void revokeAll(OrganizationModel organization, UserModel user) {
        rolesOf(organization, user).forEach(role -> revoke(organization, user, role));
    }

    /** The organization's group and its role groups go, as when the organization is deleted. */
    public void removeGroups(OrganizationModel organization) {
        GroupModel group = session.groups().getGroupById(realm, organizationGroupId(organization));
        if (group != null) {
            session.groups().removeGroup(realm, group);
        }
    }

    private GroupModel ensureOrganizationGroup(OrganizationModel organization) {
        String id = organizationGroupId(organization);
        GroupModel group = session.groups().getGroupById(realm, id);
        if (group == null) {
            group = session.groups().createGroup(realm, id, organization.getAlias(), ensureRoot());
            group.setDescription("Application roles in the organization " + organization.getName());
            group.setSingleAttribute("pim.organization", organization.getId());
        }
        return group;
    }

    /**
     * The realm-wide parent, created once. Every organization needs it, so it is made in a transaction of
     * its own: of two first joins at once, one creates it and the other, refused by the group's derived id,
     * reads it. A realm created in this very transaction (an import) is not seen there; then it is made here.
     */
    private GroupModel ensureRoot() {
        String id = derivedId("root", realm.getId());
        GroupModel root = session.groups().getGroupById(realm, id);
        if (root == null && createdOnItsOwn(id)) {
            root = session.groups().getGroupById(realm, id);
        }
        if (root == null) {
            root = createRoot(session, realm, id);
        }
        return root;
    }

    private boolean createdOnItsOwn(String id) {
        String realmId = realm.getId();
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), fresh -> {
                RealmModel committed = fresh.realms().getRealm(realmId);
                if (committed == null) {
                    return false;
                }
                if (fresh.groups().getGroupById(committed, id) == null) {
                    createRoot(fresh, committed, id);
                }
                return true;
            });
        } catch (RuntimeException anotherJoinWasFirst) {
            return true;
        }
    }

    private static GroupModel createRoot(KeycloakSession session, RealmModel realm, String id) {
        GroupModel root = session.groups().createGroup(realm, id, ROOT_GROUP);
        root.setDescription("Organizations' application roles, managed by PIM Access");
        return root;
    }

    private String organizationGroupId(OrganizationModel organization) {
        return derivedId("organization", organization.getId());
    }

    private String roleGroupId(OrganizationModel organization, String role) {
        return derivedId("role", organization.getId() + "/" + clientId + "/" + role);
    }

    private String derivedId(String kind, String of) {
        return UUID.nameUUIDFromBytes(("pim:" + kind + ":" + realm.getId() + ":" + of).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
