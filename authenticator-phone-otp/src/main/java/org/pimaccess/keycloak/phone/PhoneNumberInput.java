package org.pimaccess.keycloak.phone;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.pimaccess.keycloak.phone.DeliveryMethod;

/**
 * What a person typed as their phone number, checked with libphonenumber: E.164, or national digits
 * with an ISO 3166 alpha-2 country. The answer is a normalized E.164 number or the message key that
 * says what is wrong.
 */
public final class PhoneNumberInput {

    /** Longest input looked at; a phone number with formatting fits easily. */
    public static final int MAX_LENGTH = 40;

    /** The message key of a number whose type new phones may not have. */
    public static final String REFUSED_TYPE = "pimPhoneRegisterNumberType";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /**
     * The number types a new phone may have by default. Premium-rate, shared-cost, personal, UAN, VoIP,
     * pager, toll-free, voicemail and unknown numbers are what SMS pumping sends to (or cannot be
     * reached reliably), so they are refused unless an admin allows them.
     */
    static final Set<PhoneNumberType> SMS_TYPES =
            Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
    static final Set<PhoneNumberType> VOICE_TYPES =
            Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.FIXED_LINE);

    public record Result(String e164, String region, String errorKey) {
        public boolean valid() {
            return errorKey == null;
        }

        static Result error(String key) {
            return new Result(null, null, key);
        }
    }

    private PhoneNumberInput() {
    }

    /** @param moreTypes number types an admin allows beyond the defaults, for both methods */
    public static Result parse(String raw, String country, DeliveryMethod method, Set<PhoneNumberType> moreTypes) {
        if (raw == null || raw.isBlank()) {
            return Result.error("pimPhoneRegisterNumberMissing");
        }
        if (raw.length() > MAX_LENGTH || raw.chars().noneMatch(Character::isDigit)) {
            return Result.error("pimPhoneRegisterNumberInvalid");
        }
        String trimmed = raw.strip();
        String region = trimmed.startsWith("+") ? null
                : country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
        if (!trimmed.startsWith("+") && region == null) {
            return Result.error("pimPhoneRegisterCountryMissing");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(trimmed, region);
        } catch (NumberParseException e) {
            return Result.error("pimPhoneRegisterNumberInvalid");
        }
        if (!UTIL.isValidNumber(number)) {
            return Result.error("pimPhoneRegisterNumberInvalid");
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        if (!VOICE_TYPES.contains(type) && !moreTypes.contains(type)) {
            return Result.error(REFUSED_TYPE);
        }
        if (method == DeliveryMethod.SMS && !SMS_TYPES.contains(type) && !moreTypes.contains(type)) {
            return Result.error("pimPhoneRegisterNoSms");
        }
        return new Result(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                UTIL.getRegionCodeForNumber(number), null);
    }

    /**
     * The methods a stored number can take by its type: SMS and voice for mobiles, voice alone for a
     * fixed line, none for the types SMS pumping uses, unless an admin allows them. Checked at every
     * send, as phones can arrive without passing {@link #parse} (the admin REST API, a realm import).
     */
    public static Set<DeliveryMethod> methodsFor(String e164, Set<PhoneNumberType> moreTypes) {
        PhoneNumberType type;
        try {
            PhoneNumber number = UTIL.parse(e164, null);
            type = UTIL.isValidNumber(number) ? UTIL.getNumberType(number) : PhoneNumberType.UNKNOWN;
        } catch (NumberParseException e) {
            return EnumSet.noneOf(DeliveryMethod.class);
        }
        if (SMS_TYPES.contains(type) || moreTypes.contains(type)) {
            return EnumSet.allOf(DeliveryMethod.class);
        }
        return VOICE_TYPES.contains(type) ? EnumSet.of(DeliveryMethod.VOICE) : EnumSet.noneOf(DeliveryMethod.class);
    }

    /** Every region libphonenumber knows, for the country list. */
    public static Set<String> regions() {
        return UTIL.getSupportedRegions();
    }
}
