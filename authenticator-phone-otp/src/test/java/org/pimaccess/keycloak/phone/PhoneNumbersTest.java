package org.pimaccess.keycloak.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "+12025550143, +1 •••-•••-0143",
            "+447911123456, +44 •••• ••3456",
            "+33612345678, +33 • •• •• 56 78",
            "+4915123456789, +49 •••• •••6789"
    })
    void aNumberIsShownWithItsCountryCodeAndLastFourDigitsOnly(String e164, String masked) {
        assertThat(PhoneNumbers.mask(e164)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({"+12025550143, US", "+442079460123, GB", "+33612345678, FR"})
    void theRegionComesFromTheCountryCode(String e164, String region) {
        assertThat(PhoneNumbers.regionOf(e164)).hasValue(region);
    }

    @ParameterizedTest
    @CsvSource({"not-a-number", "12"})
    void somethingThatIsNotANumberStillHidesAllButFourDigits(String input) {
        assertThat(PhoneNumbers.mask(input).chars().filter(Character::isDigit).count()).isLessThanOrEqualTo(4);
    }
}
