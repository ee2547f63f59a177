package org.pimaccess.keycloak.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pimaccess.keycloak.phone.DeliveryMethod;

class PhoneNumberInputTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "+1 202-555-0143, -, SMS, +12025550143",
            "202-555-0143, US, SMS, +12025550143",
            "(202) 555 0143, us, VOICE, +12025550143",
            "0612345678, FR, SMS, +33612345678",
            "+44 20 7946 0123, -, VOICE, +442079460123"
    })
    void validNumbersAreNormalizedToE164(String raw, String country, DeliveryMethod method, String e164) {
        PhoneNumberInput.Result result = PhoneNumberInput.parse(raw, country, method, Set.of());

        assertThat(result.valid()).as(result.errorKey()).isTrue();
        assertThat(result.e164()).isEqualTo(e164);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "-, US, SMS, pimPhoneRegisterNumberMissing",
            "abcdefg, US, SMS, pimPhoneRegisterNumberInvalid",
            "123, US, SMS, pimPhoneRegisterNumberInvalid",
            "202-555-0143, -, SMS, pimPhoneRegisterCountryMissing",
            "+44 20 7946 0123, -, SMS, pimPhoneRegisterNoSms",
            "+447012345678, -, SMS, pimPhoneRegisterNumberType",
            "+447012345678, -, VOICE, pimPhoneRegisterNumberType",
            "+19002001234, -, SMS, pimPhoneRegisterNumberType",
            "+449098790000, -, VOICE, pimPhoneRegisterNumberType"
    })
    void badInputGetsTheRightMessage(String raw, String country, DeliveryMethod method, String errorKey) {
        assertThat(PhoneNumberInput.parse(raw, country, method, Set.of()).errorKey()).isEqualTo(errorKey);
    }

    @Test
    void anAdminCanAllowMoreTypes() {
        assertThat(PhoneNumberInput.parse("+447012345678", null, DeliveryMethod.SMS, Set.of(PhoneNumberType.PERSONAL_NUMBER)).e164())
                .isEqualTo("+447012345678");
    }

    @Test
    void aStoredNumberTakesTheMethodsOfItsType() {
        assertThat(PhoneNumberInput.methodsFor("+447400123456", Set.of())).containsExactlyInAnyOrder(DeliveryMethod.SMS, DeliveryMethod.VOICE);
        assertThat(PhoneNumberInput.methodsFor("+442079460123", Set.of())).containsExactly(DeliveryMethod.VOICE);
        assertThat(PhoneNumberInput.methodsFor("+447012345678", Set.of())).isEmpty();
        assertThat(PhoneNumberInput.methodsFor("+19002001234", Set.of())).isEmpty();
        assertThat(PhoneNumberInput.methodsFor("not a number", Set.of())).isEmpty();
        assertThat(PhoneNumberInput.methodsFor("+447012345678", Set.of(PhoneNumberType.PERSONAL_NUMBER)))
                .containsExactlyInAnyOrder(DeliveryMethod.SMS, DeliveryMethod.VOICE);
    }

    @Test
    void fiveHundredCharactersAreRefusedWithoutParsing() {
        assertThat(PhoneNumberInput.parse("1".repeat(500), "US", DeliveryMethod.SMS, Set.of()).errorKey())
                .isEqualTo("pimPhoneRegisterNumberInvalid");
    }
}
