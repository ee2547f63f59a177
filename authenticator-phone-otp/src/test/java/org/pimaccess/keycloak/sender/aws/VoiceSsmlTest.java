package org.pimaccess.keycloak.sender.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VoiceSsmlTest {

    @Test
    void theCodeIsReadDigitByDigitSlowlyEachTimeItAppears() {
        String ssml = VoiceSsml.of("This is PIM Access. Your sign-in code is 102938. Once again, your code is 102938.", "102938");

        assertThat(ssml).startsWith("<speak>").endsWith("</speak>").doesNotContain("102938");
        assertThat(ssml.split("<prosody rate=\"x-slow\">", -1)).hasSize(3);
        assertThat(ssml).contains("<say-as interpret-as=\"digits\">1</say-as><break time=\"400ms\"/><say-as interpret-as=\"digits\">0</say-as>");
    }

    @Test
    void textIsEscapedForXml() {
        assertThat(VoiceSsml.of("R&D <Lab>: code 123456", "123456")).contains("R&amp;D &lt;Lab&gt;");
    }
}
