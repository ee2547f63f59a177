package org.pimaccess.keycloak.organization;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.jboss.logging.Logger;
import org.keycloak.common.Profile;
import org.keycloak.common.VerificationException;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.utils.Organizations;
import org.pimaccess.keycloak.release.KeycloakRelease;

/**
 * What of Keycloak's Organizations the running build has, where it changed within the supported range (read in
 * Keycloak's sources of 26.4.7, 26.5.6, 26.6.0 and 26.7.3):
 * <ul>
 *   <li>stored invitations ({@code OrganizationInvitationModel}, {@code InvitationManager}): from 26.5. On 26.4
 *       an invitation is only a signed link, which Keycloak neither lists nor revokes, so the org-admin API's
 *       invitations are switched off there ({@link #INVITATIONS});</li>
 *   <li>groups within an organization ({@code OrganizationProvider.getOrganizationGroupsByMember}): from 26.6;
 *       before, a member belongs only to the organization's own group ({@link #GROUPS});</li>
 *   <li>{@code Organizations.isEnabled(session)}: from 26.7; {@link #enabled} makes the same test;</li>
 *   <li>{@code Organizations.parseInvitationToken}: {@code (session, request)} from 26.5, {@code (request)} in 26.4.</li>
 * </ul>
 */
public final class KeycloakOrganizations {

    public static final boolean INVITATIONS = KeycloakRelease.hasClass("org.keycloak.models.OrganizationInvitationModel");
    public static final boolean GROUPS = Arrays.stream(OrganizationProvider.class.getMethods())
            .anyMatch(method -> method.getName().equals("getOrganizationGroupsByMember"));
    /** The version from which {@link #INVITATIONS} are there, for the WARN where they are not. */
    public static final String INVITATIONS_SINCE = "26.5";

    private static final MethodHandle PARSE_INVITATION_TOKEN = parseInvitationToken();

    private KeycloakOrganizations() {
    }

    /** Once at start: the WARN for the org-admin API's invitations on a Keycloak without stored invitations. */
    public static void warnOfMissing(Logger log) {
        if (!INVITATIONS) {
            KeycloakRelease.switchedOff(log, "Invitations through the org-admin API (invite, list, revoke, invited roles)",
                    INVITATIONS_SINCE + " (stored organization invitations)");
        }
    }

    /** The feature is on and the realm has organizations enabled, as Keycloak 26.7's own check reads. */
    public static boolean enabled(KeycloakSession session) {
        if (!Profile.isFeatureEnabled(Profile.Feature.ORGANIZATION)) {
            return false;
        }
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        return provider != null && provider.isEnabled();
    }

    /**
     * Whether the group is the organization's own: Keycloak's group of type {@code ORGANIZATION} at the top
     * level, named by the organization's id (26.4 to 26.7 all make it so).
     */
    public static boolean ownGroup(OrganizationModel organization, GroupModel group) {
        return group.getType() == GroupModel.Type.ORGANIZATION && group.getParentId() == null
                && organization.getId().equals(group.getName());
    }

    /** Whether the request carries an organization invitation link's token that Keycloak reads as one. */
    public static boolean invitationLink(KeycloakSession session, HttpRequest request) {
        try {
            Object token = PARSE_INVITATION_TOKEN.type().parameterCount() == 2
                    ? PARSE_INVITATION_TOKEN.invoke(session, request)
                    : PARSE_INVITATION_TOKEN.invoke(request);
            return token != null;
        } catch (VerificationException notAnInvitation) {
            return false;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whichever of the two signatures this build has: Keycloak has only one of them. */
    private static MethodHandle parseInvitationToken() {
        Method parse = Arrays.stream(Organizations.class.getMethods())
                .filter(method -> method.getName().equals("parseInvitationToken"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak's Organizations has no parseInvitationToken"));
        try {
            return MethodHandles.publicLookup().unreflect(parse);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
