package org.pimaccess.keycloak.code;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * The code page ({@value #TEMPLATE}), for sign-in and for phone registration alike: the masked number,
 * time left, resend and back, and the message for each {@link CodeStep.Outcome}. All of it is computed
 * here, so the page reads right without JavaScript.
 */
public final class CodePage {

    public static final String TEMPLATE = "phone-otp-code.ftl";
    public static final String ATTRIBUTE = "phoneOtp";
    /** The form field of the typed code. */
    public static final String FIELD_CODE = "code";

    private final LoginFormsProvider form;
    private final CodeChallenge challenge;
    private final String maskedNumber;
    private final PhoneOtpPolicy policy;
    private final Clock clock;

    public CodePage(LoginFormsProvider form, CodeChallenge challenge, String maskedNumber, PhoneOtpPolicy policy, Clock clock) {
        this.form = form;
        this.challenge = challenge;
        this.maskedNumber = maskedNumber;
        this.policy = policy;
        this.clock = clock;
    }

    public Response show() {
        return form.setAttribute(ATTRIBUTE, model(challenge, maskedNumber, policy, clock)).createForm(TEMPLATE);
    }

    public Response withInfo(String messageKey) {
        form.setInfo(messageKey);
        return show();
    }

    public Response withError(String messageKey, Object... parameters) {
        form.setError(messageKey, parameters);
        return show();
    }

    public Response withFieldError(String messageKey, Object... parameters) {
        form.addError(new FormMessage(FIELD_CODE, messageKey, parameters));
        return show();
    }

    /** After Resend: a new code went out, or why not. */
    public Response afterResend(CodeDelivery.Result result) {
        return result.sent() ? withInfo("pimPhoneOtpNewCodeSent") : withError(result.messageKey(), result.messageParameters());
    }

    /** A typed code that was not accepted; {@code NO_CODE} and {@code VALID} are the caller's to handle. */
    public Response refused(CodeStep.Outcome outcome) {
        return switch (outcome) {
            case MISSING -> withFieldError("pimPhoneOtpCodeMissing");
            case MALFORMED -> withFieldError("pimPhoneOtpCodeFormat", policy.codeLength());
            case WRONG -> withFieldError("pimPhoneOtpCodeInvalid");
            case EXHAUSTED -> withError("pimPhoneOtpCodeExhausted");
            case EXPIRED -> withFieldError("pimPhoneOtpCodeExpired");
            case NO_CODE, VALID -> throw new IllegalArgumentException("Not a refused code: " + outcome);
        };
    }

    static Map<String, Object> model(CodeChallenge challenge, String maskedNumber, PhoneOtpPolicy policy, Clock clock) {
        CodeChallenge.Pending pending = challenge.pending().orElseThrow();
        Instant now = clock.instant();
        long millisLeft = Duration.between(now, pending.expiresAt()).toMillis();
        // Rounded up: "0:00" and "expired" only once the code really is.
        long secondsLeft = millisLeft <= 0 ? 0 : (millisLeft + 999) / 1000;
        long resendIn = Math.max(0, Duration.between(now, pending.sentAt().plus(policy.resendCooldown())).toSeconds());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("maskedNumber", maskedNumber);
        model.put("method", pending.method().formValue());
        model.put("secondsLeft", secondsLeft);
        model.put("minutes", Long.toString(secondsLeft / 60));
        model.put("seconds", String.format("%02d", secondsLeft % 60));
        model.put("expired", secondsLeft == 0);
        model.put("resendIn", resendIn);
        model.put("exhausted", challenge.exhausted(policy));
        model.put("codeLength", policy.codeLength());
        return model;
    }
}
