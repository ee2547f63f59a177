package org.pimaccess.keycloak.phone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/** One registered phone of a user. A user may have several. */
public class PhoneCredentialModel extends CredentialModel {

    public static final String TYPE = "phone";

    private final PhoneCredentialData data;

    private PhoneCredentialModel(PhoneCredentialData data) {
        this.data = data;
    }

    public static PhoneCredentialModel create(String e164, String label, Set<DeliveryMethod> methods,
                                              DeliveryMethod preferred, Instant verifiedAt) {
        PhoneCredentialData data = new PhoneCredentialData(e164, label == null || label.isBlank() ? null : label.strip(),
                methods.stream().sorted().map(DeliveryMethod::formValue).toList(),
                preferred.formValue(), verifiedAt.toEpochMilli());
        PhoneCredentialModel model = new PhoneCredentialModel(data);
        model.setType(TYPE);
        model.setCreatedDate(verifiedAt.toEpochMilli());
        model.setUserLabel(displayLabel(data));
        model.setSecretData("{}");
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    public static PhoneCredentialModel createFromCredentialModel(CredentialModel stored) {
        try {
            PhoneCredentialModel model = new PhoneCredentialModel(
                    JsonSerialization.readValue(stored.getCredentialData(), PhoneCredentialData.class));
            model.setId(stored.getId());
            model.setType(stored.getType());
            model.setCreatedDate(stored.getCreatedDate());
            model.setUserLabel(stored.getUserLabel());
            model.setSecretData(stored.getSecretData());
            model.setCredentialData(stored.getCredentialData());
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user's phones, in Keycloak's credential order. */
    public static List<PhoneCredentialModel> phonesOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE)
                .map(PhoneCredentialModel::createFromCredentialModel)
                .toList();
    }

    public static boolean hasPhone(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).findAny().isPresent();
    }

    /** What the account console shows: the label, if any, and the masked number. */
    static String displayLabel(PhoneCredentialData data) {
        String masked = PhoneNumbers.mask(data.phoneNumber());
        return data.label() == null ? masked : data.label() + " (" + masked + ")";
    }

    public String phoneNumber() {
        return data.phoneNumber();
    }

    public String maskedNumber() {
        return PhoneNumbers.mask(data.phoneNumber());
    }

    public String label() {
        return data.label();
    }

    public Set<DeliveryMethod> deliveryMethods() {
        Set<DeliveryMethod> methods = EnumSet.noneOf(DeliveryMethod.class);
        List<String> values = data.deliveryMethods() == null ? List.of() : data.deliveryMethods();
        values.forEach(value -> DeliveryMethod.fromFormValue(value).ifPresent(methods::add));
        return methods;
    }

    public DeliveryMethod preferredMethod() {
        return DeliveryMethod.fromFormValue(data.preferredMethod()).orElse(DeliveryMethod.SMS);
    }

    public Instant verifiedAt() {
        return Instant.ofEpochMilli(data.verifiedAt());
    }
}
