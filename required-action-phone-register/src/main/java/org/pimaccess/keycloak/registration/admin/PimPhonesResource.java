package org.pimaccess.keycloak.registration.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.util.JsonSerialization;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PersonPhones;
import org.pimaccess.keycloak.phone.PhoneEnrollment;
import org.pimaccess.keycloak.phone.PhoneNumbers;
import org.pimaccess.keycloak.phone.PhoneNumberInput;
import org.pimaccess.keycloak.phone.PhoneRegistrationPolicy;
import org.pimaccess.keycloak.phone.PhoneReset;

/**
 * {@code /admin/realms/{realm}/pim-phones}: a realm admin's help desk for phones. Reading needs Keycloak's
 * view permission on the user ({@code view-users}), changing needs manage ({@code manage-users}), checked
 * by Keycloak's own {@link AdminPermissionEvaluator}, fine-grained permissions included. A new number
 * meets the same rules as phone registration: the {@code phone-register} action's settings, read from the
 * realm. The order of checks: permission on users (403), user (404), permission on that user (403),
 * phone (404), body (400).
 */
@Produces(MediaType.APPLICATION_JSON)
public class PimPhonesResource {

    static final int MAX_BODY = 64 * 1024;

    record PhoneRequest(String phoneNumber, String label, List<String> deliveryMethods) {
    }

    /** A phone as the API shows it; events get {@link PhoneEvent} instead, which has no full number. */
    record PhoneView(String id, String label, String phoneNumber, String maskedNumber, Set<String> deliveryMethods,
                     String preferredMethod, long createdAt) {
    }

    record PhoneEvent(String id, String label, String maskedNumber, Set<String> deliveryMethods) {
    }

    record Created(String id) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    PimPhonesResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    @GET
    @Path("users/{userId}/phones")
    public List<PhoneView> phones(@PathParam("userId") String userId) {
        UserModel user = user(userId, false);
        return PhoneCredentialModel.phonesOf(user).stream().map(PimPhonesResource::view).toList();
    }

    @POST
    @Path("users/{userId}/phones")
    public Response add(@PathParam("userId") String userId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                        InputStream body) {
        UserModel user = user(userId, true);
        PhoneRequest request = read(contentType, body);
        Set<DeliveryMethod> methods = methods(request.deliveryMethods());
        String label = request.label() == null || request.label().isBlank() ? null : request.label().strip();
        if (!PersonPhones.labelAllowed(label)) {
            throw AdminErrors.badRequest("invalid_label", "\"label\" must be at most " + PersonPhones.MAX_LABEL
                    + " printable characters.");
        }
        PhoneRegistrationPolicy policy = PhoneRegistrationPolicy.of(realm);
        String number = number(request.phoneNumber(), methods, policy);
        DeliveryMethod preferred = methods.contains(DeliveryMethod.SMS) ? DeliveryMethod.SMS : DeliveryMethod.VOICE;
        PhoneEnrollment.Result stored = PersonPhones.add(session, realm, user, number, label, methods, preferred);
        switch (stored.outcome()) {
            case TOO_MANY -> throw AdminErrors.badRequest("too_many_phones",
                    "The user already has " + policy.maxPhones() + " phones, the most the realm allows (phone-register: max-phones).");
            case DUPLICATE -> throw AdminErrors.badRequest("duplicate_phone", "The user already has this phone.");
            case TAKEN -> throw AdminErrors.badRequest("phone_number_taken",
                    "Another account holds this number, and the realm allows one account per number.");
            case BUSY -> throw AdminErrors.error(Response.Status.SERVICE_UNAVAILABLE, "busy",
                    "Another phone of this user is being saved right now. Try again in a moment.");
            case STORED -> {
                // An admin vouched for this number: the person may sign in with it, so a pending reset is over.
                adminEvent.operation(OperationType.CREATE)
                        .resourcePath(session.getContext().getUri())
                        .representation(new PhoneEvent(stored.credentialId(), label, PhoneNumbers.mask(number), formValues(methods)))
                        .detail("user_id", user.getId())
                        .detail("credential_type", PhoneCredentialModel.TYPE)
                        .detail("credential_id", stored.credentialId())
                        .success();
            }
        }
        return Response.status(Response.Status.CREATED)
                .location(session.getContext().getUri().getAbsolutePathBuilder().path(stored.credentialId()).build())
                .entity(new Created(stored.credentialId())).build();
    }

    /**
     * Deletes one phone and mails the user a notice. Deleting the last one closes phone registration to
     * the password alone, as a reset does: the person asks for the link on the sign-in page.
     */
    @DELETE
    @Path("users/{userId}/phones/{credentialId}")
    public Response delete(@PathParam("userId") String userId, @PathParam("credentialId") String credentialId) {
        UserModel user = user(userId, true);
        PhoneCredentialModel phone = PersonPhones.remove(session, realm, user, credentialId)
                .orElseThrow(() -> AdminErrors.notFound("phone_not_found", "The user has no phone with this id."));
        adminEvent.operation(OperationType.DELETE)
                .resourcePath(session.getContext().getUri())
                .representation(new PhoneEvent(phone.getId(), phone.label(), phone.maskedNumber(), formValues(phone.deliveryMethods())))
                .detail("user_id", user.getId())
                .detail("credential_type", PhoneCredentialModel.TYPE)
                .detail("credential_id", phone.getId())
                .success();
        return Response.noContent().build();
    }

    @POST
    @Path("users/{userId}/phone-reset")
    public Response reset(@PathParam("userId") String userId) {
        UserModel user = user(userId, true);
        PhoneReset.Result result = PersonPhones.resetByRealmAdmin(session, realm, user, auth.adminAuth().getUser());
        switch (result.outcome()) {
            case NO_EMAIL -> throw AdminErrors.error(Response.Status.CONFLICT, "no_email",
                    "The user has no email address, so no link can reach them. Add an address, or add a phone for them.");
            case EMAIL_FAILED -> throw AdminErrors.error(Response.Status.BAD_GATEWAY, "email_failed",
                    "The email with the link could not be sent; nothing was changed. Check the realm's email settings.");
            case RESET -> adminEvent.operation(OperationType.ACTION)
                    .resourcePath(session.getContext().getUri())
                    .detail("user_id", user.getId())
                    .detail("credential_type", PhoneCredentialModel.TYPE)
                    .detail("phones_removed", Integer.toString(result.phonesRemoved()))
                    .success();
        }
        return Response.accepted(new PhoneReset.Done(user.getId(), result.phonesRemoved())).build();
    }

    /** The user, if the caller may see (or, with {@code manage}, change) them. */
    private UserModel user(String userId, boolean manage) {
        UserModel user = userId == null || userId.length() > 64 ? null : session.users().getUserById(realm, userId);
        if (user != null && !ofThisRealm(user)) {
            // Keycloak's lookup by id may find a user of another realm: to the caller it is as unknown as any.
            user = null;
        }
        if (user == null) {
            if (!auth.users().canView()) {
                throw forbidden(false);
            }
            throw AdminErrors.notFound("user_not_found", "No such user in this realm.");
        }
        if (!auth.users().canView(user)) {
            throw forbidden(false);
        }
        if (manage && !auth.users().canManage(user)) {
            throw forbidden(true);
        }
        return user;
    }

    private boolean ofThisRealm(UserModel user) {
        UserModel byName = session.users().getUserByUsername(realm, user.getUsername());
        return byName != null && byName.getId().equals(user.getId());
    }

    private static RuntimeException forbidden(boolean manage) {
        return AdminErrors.error(Response.Status.FORBIDDEN, "forbidden", manage
                ? "Changing a user's phones needs the realm-management role manage-users (or permission to manage this user)."
                : "Reading a user's phones needs the realm-management role view-users (or permission to view this user).");
    }

    private static PhoneRequest read(String contentType, InputStream body) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            throw AdminErrors.badRequest("unsupported_content_type", "Send the body as application/json.");
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw AdminErrors.badRequest("body_too_large", "The body may be at most 64 KiB.");
            }
            PhoneRequest request = bytes.length == 0 ? null
                    : JsonSerialization.readValue(bytes, PhoneRequest.class);
            if (request == null) {
                throw AdminErrors.badRequest("invalid_json", "The body must be a JSON object: {\"phoneNumber\", \"label\", \"deliveryMethods\"}.");
            }
            return request;
        } catch (IOException e) {
            throw AdminErrors.badRequest("invalid_json", "The body must be a JSON object: {\"phoneNumber\", \"label\", \"deliveryMethods\"}.");
        }
    }

    private static Set<DeliveryMethod> methods(List<String> values) {
        if (values == null || values.isEmpty()) {
            return EnumSet.allOf(DeliveryMethod.class);
        }
        Set<DeliveryMethod> methods = EnumSet.noneOf(DeliveryMethod.class);
        for (String value : values) {
            Optional<DeliveryMethod> method = value == null ? Optional.empty() : DeliveryMethod.fromFormValue(value);
            if (method.isEmpty()) {
                throw AdminErrors.badRequest("invalid_delivery_method", "\"deliveryMethods\" may hold \"sms\" and \"voice\".");
            }
            methods.add(method.get());
        }
        return methods;
    }

    /** The number in E.164, checked as phone registration checks it; SMS rules apply when SMS is among the methods. */
    private static String number(String raw, Set<DeliveryMethod> methods, PhoneRegistrationPolicy policy) {
        DeliveryMethod strictest = methods.contains(DeliveryMethod.SMS) ? DeliveryMethod.SMS : DeliveryMethod.VOICE;
        String typed = raw == null ? null : raw.strip();
        if (typed == null || typed.isEmpty() || !typed.startsWith("+")) {
            throw AdminErrors.badRequest("invalid_phone_number", "\"phoneNumber\" must be an E.164 number: + and the country code.");
        }
        PhoneNumberInput.Result number = PhoneNumberInput.parse(typed, null, strictest, policy.moreNumberTypes());
        if (!number.valid()) {
            throw switch (number.errorKey()) {
                case "pimPhoneRegisterNumberType" -> AdminErrors.badRequest("number_type_not_allowed",
                        "Numbers of this type (premium-rate, shared-cost, personal, VoIP, pager and similar) are not allowed "
                                + "(phone-register: allowed-number-types).");
                case "pimPhoneRegisterNoSms" -> AdminErrors.badRequest("number_type_not_allowed",
                        "This number cannot receive SMS; send \"deliveryMethods\": [\"voice\"] for a fixed line.");
                default -> AdminErrors.badRequest("invalid_phone_number", "\"phoneNumber\" is not a valid phone number.");
            };
        }
        if (!policy.codes().allowsCountry(number.region())) {
            throw AdminErrors.badRequest("country_not_allowed", "Codes cannot be sent to numbers of this country "
                    + "(phone-register: allowed-countries).");
        }
        return number.e164();
    }

    private static PhoneView view(PhoneCredentialModel phone) {
        return new PhoneView(phone.getId(), phone.label(), phone.phoneNumber(), phone.maskedNumber(),
                formValues(phone.deliveryMethods()), phone.preferredMethod().formValue(), phone.getCreatedDate());
    }

    private static Set<String> formValues(Set<DeliveryMethod> methods) {
        return methods.stream().map(DeliveryMethod::formValue).collect(Collectors.toCollection(TreeSet::new));
    }
}
