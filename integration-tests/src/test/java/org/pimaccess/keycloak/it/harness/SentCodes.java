package org.pimaccess.keycloak.it.harness;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads codes out of what the fake gateway received. */
public final class SentCodes {

    private static final Pattern WEB_OTP = Pattern.compile("#(\\d{6,10})\\s*$");
    private static final Pattern SPOKEN_DIGIT = Pattern.compile("interpret-as=\"digits\">(\\d)</say-as>");

    private SentCodes() {
    }

    /** The code of an SMS, from its Web OTP line {@code @host #code}. */
    public static String fromSms(String text) {
        Matcher matcher = WEB_OTP.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("No Web OTP line in: " + text);
        }
        return matcher.group(1);
    }

    /** The code of a voice call: the SSML reads it digit by digit, twice. */
    public static String fromVoice(String ssml) {
        List<String> digits = SPOKEN_DIGIT.matcher(ssml).results().map(r -> r.group(1)).toList();
        if (digits.isEmpty() || digits.size() % 2 != 0) {
            throw new IllegalStateException("The call does not read a code twice: " + ssml);
        }
        return digits.subList(0, digits.size() / 2).stream().collect(Collectors.joining());
    }

    public static String lastSmsTo(AwsFake aws, String phoneNumber) {
        List<AwsFake.Sent> sent = aws.sentTo(phoneNumber);
        if (sent.isEmpty()) {
            throw new IllegalStateException("Nothing was sent to " + phoneNumber);
        }
        return fromSms(sent.get(sent.size() - 1).body());
    }
}
