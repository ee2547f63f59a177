package org.pimaccess.keycloak.phone;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers as the pack shows and checks them, built on libphonenumber. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final char BULLET = '\u2022';
    private static final int VISIBLE_DIGITS = 4;

    private PhoneNumbers() {
    }

    /**
     * The number as a person recognises it without revealing it: country code and last four digits,
     * for example {@code +1 •••-•••-4567}.
     */
    public static String mask(String e164) {
        Optional<PhoneNumber> parsed = parse(e164);
        if (parsed.isEmpty()) {
            return maskDigits(e164, 0);
        }
        String international = UTIL.format(parsed.get(), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        String prefix = "+" + parsed.get().getCountryCode();
        return prefix + maskDigits(international.substring(prefix.length()), 0);
    }

    /** The number in E.164 form, if it is a valid international number (with its leading +). */
    public static Optional<String> normalize(String e164) {
        if (e164 == null || e164.length() > 32) {
            return Optional.empty();
        }
        return parse(e164.strip()).filter(UTIL::isValidNumber)
                .map(number -> UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** The ISO 3166 alpha-2 region of an E.164 number, for example {@code US}. */
    public static Optional<String> regionOf(String e164) {
        return parse(e164).map(UTIL::getRegionCodeForNumber).filter(region -> !"ZZ".equals(region));
    }

    private static Optional<PhoneNumber> parse(String e164) {
        try {
            return Optional.of(UTIL.parse(e164, null));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static String maskDigits(String text, int keepFromStart) {
        int digits = (int) text.chars().filter(Character::isDigit).count();
        int keepFrom = digits - VISIBLE_DIGITS;
        StringBuilder masked = new StringBuilder(text.length());
        int index = 0;
        for (char c : text.toCharArray()) {
            if (Character.isDigit(c)) {
                masked.append(index < keepFromStart || index >= keepFrom ? c : BULLET);
                index++;
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }
}
