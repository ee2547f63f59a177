package org.pimaccess.keycloak.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pimaccess.keycloak.phone.DeliveryMethod;

class CodeMessageTextTest {

    @ParameterizedTest
    @CsvSource({
            "en, 'PIM Access: your sign-in code is 123456. It expires in 2 minutes. Never share it.\n\n@pim.example.com #123456'",
            "de, 'PIM Access: Ihr Anmeldecode lautet 123456. Er läuft in 2 Minuten ab. Geben Sie ihn nie weiter.\n\n@pim.example.com #123456'",
            "fr, 'PIM Access : votre code de connexion est 123456. Il expire dans 2 minutes. Ne le communiquez jamais.\n\n@pim.example.com #123456'"
    })
    void theSmsNamesTheRealmAndTheMinutesAndEndsWithTheWebOtpLine(String language, String expected) {
        Locale locale = Locale.forLanguageTag(language);
        String text = CodeMessageText.format(CodeMessageText.packMessages(locale), locale, DeliveryMethod.SMS, "PIM Access", "123456",
                CodeMessageText.minutes(Duration.ofSeconds(120)), "pim.example.com");

        assertThat(text).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"en", "de", "fr"})
    void withoutAHostTheOperatorFixedTheSmsHasNoWebOtpLine(String language) {
        Locale locale = Locale.forLanguageTag(language);
        String withHost = CodeMessageText.text(CodeMessageText.packMessages(locale), locale, DeliveryMethod.SMS, "PIM Access",
                "123456", 2, "pim.example.com");
        String without = CodeMessageText.text(CodeMessageText.packMessages(locale), locale, DeliveryMethod.SMS, "PIM Access",
                "123456", 2, null);

        assertThat(without).isEqualTo(withHost.substring(0, withHost.indexOf("\n\n@"))).contains("123456")
                .doesNotContain("@").doesNotContain("\u0000");
    }

    @ParameterizedTest
    @CsvSource({"60, 1", "61, 2", "120, 2", "30, 1"})
    void minutesRoundUp(long seconds, long minutes) {
        assertThat(CodeMessageText.minutes(Duration.ofSeconds(seconds))).isEqualTo(minutes);
    }
}
