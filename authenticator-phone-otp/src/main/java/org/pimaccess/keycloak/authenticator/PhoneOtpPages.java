package org.pimaccess.keycloak.authenticator;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntSupplier;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.theme.Theme;
import org.pimaccess.keycloak.code.CodeChallenge;
import org.pimaccess.keycloak.code.CodeDelivery;
import org.pimaccess.keycloak.code.CodePage;
import org.pimaccess.keycloak.code.PhoneOtpPolicy;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * The two pages of the step, rendered by the login theme: {@value #SELECT} (phone and method) and
 * {@link CodePage} (the code, time left, resend, back). Everything they show is computed here, so the
 * pages read right without JavaScript.
 */
final class PhoneOtpPages {

    static final String SELECT = "phone-otp-select.ftl";
    static final String ATTRIBUTE = CodePage.ATTRIBUTE;
    /** The trusted-browser offer on the code page: {@code days}, and whether the box was ticked in the last post. */
    static final String TRUST_ATTRIBUTE = "pimTrustBrowser";

    private final AuthenticationFlowContext context;
    private final List<PhoneCredentialModel> phones;
    private final PhoneOtpPolicy policy;
    private final Clock clock;
    private final IntSupplier trustDays;

    /** @param trustDays the days the code page offers to trust this browser for; 0 offers nothing */
    PhoneOtpPages(AuthenticationFlowContext context, List<PhoneCredentialModel> phones, PhoneOtpPolicy policy, Clock clock,
                  IntSupplier trustDays) {
        this.context = context;
        this.phones = phones;
        this.policy = policy;
        this.clock = clock;
        this.trustDays = trustDays;
    }

    Response select(CodeDelivery.Result failedSend) {
        LoginFormsProvider form = context.form();
        if (failedSend != null) {
            form.setError(failedSend.messageKey(), failedSend.messageParameters());
        }
        return select(form);
    }

    Response selectWithError(String messageKey, Object... parameters) {
        return select(context.form().setError(messageKey, parameters));
    }

    Response selectWithFieldError(String field, String messageKey, Object... parameters) {
        return select(context.form().addError(new FormMessage(field, messageKey, parameters)));
    }

    /** The code page for the pending code. */
    CodePage code(CodeChallenge challenge) {
        String pendingPhoneId = challenge.pending().orElseThrow().phoneId();
        String masked = phones.stream().filter(p -> p.getId().equals(pendingPhoneId)).findFirst()
                .map(PhoneCredentialModel::maskedNumber).orElse("");
        LoginFormsProvider form = context.form();
        int days = trustDays.getAsInt();
        if (days > 0) {
            String posted = context.getHttpRequest().getDecodedFormParameters().getFirst(TrustedBrowsers.FIELD);
            form.setAttribute(TRUST_ATTRIBUTE, Map.of("days", days, "checked", "on".equals(posted)));
        }
        return new CodePage(form, challenge, masked, policy, clock);
    }

    /** A method's name in the user's language, for use inside other messages. */
    String methodName(DeliveryMethod method) {
        String key = "pimPhoneOtpMethod_" + method.formValue();
        try {
            Properties messages = context.getSession().theme().getTheme(Theme.Type.LOGIN)
                    .getEnhancedMessages(context.getRealm(), context.getSession().getContext().resolveLocale(context.getUser()));
            return messages.getProperty(key, method.formValue());
        } catch (IOException e) {
            return method.formValue();
        }
    }

    private Response select(LoginFormsProvider form) {
        Optional<CodeChallenge.Pending> pending = challengeOf().pending();
        String selectedPhoneId = pending.map(CodeChallenge.Pending::phoneId)
                .or(() -> Optional.ofNullable(context.getHttpRequest().getDecodedFormParameters().getFirst(PhoneOtpAuthenticator.FIELD_PHONE_ID)))
                .filter(id -> phones.stream().anyMatch(phone -> phone.getId().equals(id)))
                .orElse(phones.isEmpty() ? "" : phones.get(0).getId());
        PhoneCredentialModel selectedPhone = phones.stream().filter(phone -> phone.getId().equals(selectedPhoneId)).findFirst().orElse(null);
        String selectedMethod = pending.map(p -> p.method().formValue())
                .or(() -> Optional.ofNullable(selectedPhone).map(phone -> phone.preferredMethod().formValue()))
                .orElse(DeliveryMethod.SMS.formValue());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("phones", phones.stream().map(PhoneOtpPages::phoneView).toList());
        model.put("methods", Arrays.stream(DeliveryMethod.values()).map(DeliveryMethod::formValue).toList());
        model.put("selectedPhoneId", selectedPhoneId);
        model.put("selectedMethod", selectedMethod);
        return form.setAttribute(ATTRIBUTE, model).createForm(SELECT);
    }

    private CodeChallenge challengeOf() {
        return new CodeChallenge(CodeChallenge.notesOf(context.getAuthenticationSession()), clock);
    }

    private static Map<String, Object> phoneView(PhoneCredentialModel phone) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", phone.getId());
        view.put("masked", phone.maskedNumber());
        view.put("label", phone.label() == null ? "" : phone.label());
        view.put("methods", phone.deliveryMethods().stream().map(DeliveryMethod::formValue).toList());
        view.put("preferred", phone.preferredMethod().formValue());
        return view;
    }
}
