package org.pimaccess.keycloak.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import org.pimaccess.keycloak.phone.DeliveryMethod;

class PhoneOtpPolicyTest {

    @Test
    void withoutConfigurationTheDocumentedDefaultsApply() {
        PhoneOtpPolicy policy = PhoneOtpPolicy.from(null);

        assertThat(policy.codeLength()).isEqualTo(6);
        assertThat(policy.codeTtl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.maxCodeFailures()).isEqualTo(5);
        assertThat(policy.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.userSendCap()).isEqualTo(10);
        assertThat(policy.phoneSendCap()).isEqualTo(10);
        assertThat(policy.ipSendCap()).isEqualTo(30);
        assertThat(policy.sendCapWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.allowedCountries()).isEmpty();
    }

    @Test
    void codeLengthStaysBetweenSixAndTenAndGarbageFallsBackToTheDefault() {
        assertThat(PhoneOtpPolicy.from(Map.of(PhoneOtpPolicy.CODE_LENGTH, "4")).codeLength()).isEqualTo(6);
        assertThat(PhoneOtpPolicy.from(Map.of(PhoneOtpPolicy.CODE_LENGTH, "12")).codeLength()).isEqualTo(10);
        assertThat(PhoneOtpPolicy.from(Map.of(PhoneOtpPolicy.CODE_LENGTH, "eight")).codeLength()).isEqualTo(6);
    }

    @Test
    void theCountryAllowListIsCaseAndSpaceTolerant() {
        PhoneOtpPolicy policy = PhoneOtpPolicy.from(Map.of(PhoneOtpPolicy.ALLOWED_COUNTRIES, " us, ca "));

        assertThat(policy.allowsCountry("US")).isTrue();
        assertThat(policy.allowsCountry("CA")).isTrue();
        assertThat(policy.allowsCountry("GB")).isFalse();
        assertThat(policy.allowsCountry(null)).isFalse();
    }

    @Test
    void senderListsKeepTheirOrderAndToleratePaddingAndRepeats() {
        PhoneOtpPolicy policy = PhoneOtpPolicy.from(Map.of(
                PhoneOtpPolicy.SMS_SENDER, " aws-sns , twilio,,http twilio",
                PhoneOtpPolicy.VOICE_SENDER, " "));

        assertThat(policy.sendersFor(DeliveryMethod.SMS)).containsExactly("aws-sns", "twilio", "http");
        assertThat(policy.sendersFor(DeliveryMethod.VOICE)).containsExactly("aws-end-user-messaging");
        assertThat(PhoneOtpPolicy.from(null).sendersFor(DeliveryMethod.SMS)).containsExactly("aws-sns");
    }

    @Test
    void everySettingShowsInTheAdminConsoleWithHelpText() {
        assertThat(PhoneOtpPolicy.configProperties())
                .extracting(ProviderConfigProperty::getName)
                .containsExactlyInAnyOrder(PhoneOtpPolicy.CODE_LENGTH, PhoneOtpPolicy.CODE_TTL_SECONDS,
                        PhoneOtpPolicy.MAX_CODE_FAILURES, PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS,
                        PhoneOtpPolicy.USER_SEND_CAP, PhoneOtpPolicy.PHONE_SEND_CAP, PhoneOtpPolicy.IP_SEND_CAP,
                        PhoneOtpPolicy.SEND_CAP_WINDOW_SECONDS, PhoneOtpPolicy.ALLOWED_COUNTRIES,
                        PhoneOtpPolicy.SMS_SENDER, PhoneOtpPolicy.VOICE_SENDER, PhoneOtpPolicy.REALM_SMS_BUDGET,
                        PhoneOtpPolicy.REALM_VOICE_BUDGET, PhoneOtpPolicy.COUNTRY_SMS_BUDGET, PhoneOtpPolicy.COUNTRY_VOICE_BUDGET,
                        PhoneOtpPolicy.BUDGET_WINDOW_SECONDS, PhoneOtpPolicy.REGISTRATION_BUDGET_PERCENT,
                        PhoneOtpPolicy.CLIENT_ADDRESS_HOP, PhoneOtpPolicy.IPV6_PREFIX_LENGTH,
                        PhoneOtpPolicy.SPEND_LIMIT_FAILS_OVER);
        assertThat(PhoneOtpPolicy.configProperties()).allSatisfy(property -> {
            assertThat(property.getLabel()).isNotBlank();
            assertThat(property.getHelpText()).isNotBlank();
        });
    }
}
