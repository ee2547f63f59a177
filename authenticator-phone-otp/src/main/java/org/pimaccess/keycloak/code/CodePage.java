package org.pimaccess.keycloak.code;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the code page ({@value #TEMPLATE}) shows, for sign-in and for phone registration alike. All
 * of it is computed here, so the page reads right without JavaScript.
 */
public final class CodePage {

    public static final String TEMPLATE = "phone-otp-code.ftl";
    public static final String ATTRIBUTE = "phoneOtp";

    private CodePage() {
    }

    public static Map<String, Object> model(CodeChallenge challenge, String maskedNumber, PhoneOtpPolicy policy, Clock clock) {
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
