package org.pimaccess.keycloak.organization.activity;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;

/**
 * What an admin event about an organization's members means for its trail. Events of the pack carry the
 * detail {@code org_id}; Keycloak's own (a realm admin adding or removing a member, inviting, revoking)
 * do not, and are the realm admin's. Paths are {@code organizations/<orgId>/members[/<userId>[/<what>]]}
 * and {@code organizations/<orgId>/invitations/<invitationId>}; a sign-in policy change's is
 * {@code organizations/<orgId>/sign-in-policy}.
 */
public enum ActivityAction {
    FIRST_ADMIN, MEMBER_JOINED, MEMBER_INVITED, INVITATION_REVOKED, INVITATION_ACCEPTED, ROLES_CHANGED,
    MEMBER_REMOVED, PHONE_RESET, PASSKEY_RESET, MEMBER_SUSPENDED, MEMBER_REACTIVATED, SIGN_IN_POLICY_CHANGED;

    /** The last part of the path of a sign-in policy change, {@code organizations/<orgId>/sign-in-policy}. */
    public static final String SIGN_IN_POLICY_PATH = "sign-in-policy";

    /** The name in the API and the CSV, for example {@code member_suspended}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean byThePack(AdminEvent event) {
        return event.getDetails() != null && event.getDetails().containsKey("org_id");
    }

    static Optional<ActivityAction> of(AdminEvent event) {
        String[] path = event.getResourcePath() == null ? new String[0] : event.getResourcePath().split("/");
        OperationType operation = event.getOperationType();
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (path.length < 3 || !"organizations".equals(path[0])) {
            return Optional.empty();
        }
        String[] rest = Arrays.copyOfRange(path, 2, path.length);
        if (rest[0].equals(SIGN_IN_POLICY_PATH)) {
            return Optional.ofNullable(operation == OperationType.UPDATE && byThePack(event) ? SIGN_IN_POLICY_CHANGED : null);
        }
        if (rest[0].equals("invitations")) {
            return Optional.ofNullable(operation == OperationType.CREATE ? MEMBER_INVITED
                    : operation == OperationType.DELETE && rest.length == 2 ? INVITATION_REVOKED : null);
        }
        if (!rest[0].equals("members")) {
            return Optional.empty();
        }
        if (rest.length == 1) {
            return Optional.ofNullable(operation == OperationType.CREATE ? MEMBER_JOINED : null);
        }
        if (rest.length == 2) {
            if (rest[1].startsWith("invite-")) {
                return Optional.of(MEMBER_INVITED);
            }
            return Optional.ofNullable(switch (operation) {
                case CREATE -> details.containsKey("invitation_id") ? INVITATION_ACCEPTED : MEMBER_JOINED;
                case DELETE -> MEMBER_REMOVED;
                default -> null;
            });
        }
        return Optional.ofNullable(switch (rest[2]) {
            case "roles" -> "first_member".equals(details.get("reason")) ? FIRST_ADMIN : ROLES_CHANGED;
            case "phone-reset" -> PHONE_RESET;
            case "passkey-reset" -> PASSKEY_RESET;
            case "suspension" -> operation == OperationType.CREATE ? MEMBER_SUSPENDED
                    : operation == OperationType.DELETE ? MEMBER_REACTIVATED : null;
            default -> null;
        });
    }
}
