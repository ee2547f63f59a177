package org.pimaccess.keycloak.organization.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Acme|acme",
        "Müller & Söhne GmbH|muller-sohne-gmbh",
        "  --Ünïcödé--  |unicode",
        "株式会社|org",
        "a   b|a-b",
        "ABC 123|abc-123",
    })
    void slugsAreLowercaseAsciiWordsJoinedByDashes(String name, String slug) {
        assertThat(OrganizationNames.slug(name)).isEqualTo(slug);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'  Acme   Corp  '|Acme Corp",
        "'Acme\tCorp'|Acme Corp",
        "'Acme\u0000Corp'|AcmeCorp",
        "'   '|''",
    })
    void typedNamesAreTrimmedAndCollapsed(String typed, String clean) {
        assertThat(OrganizationNames.clean(typed)).isEqualTo(clean);
    }

    @Test
    void longNamesGiveSlugsOfAtMost40CharactersWithoutATrailingDash() {
        String slug = OrganizationNames.slug("Very long organization name-with many words that goes on and on");
        assertThat(slug).hasSizeLessThanOrEqualTo(OrganizationNames.MAX_ALIAS_LENGTH).doesNotEndWith("-");
        assertThat(OrganizationNames.clean(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Acme|",
        "Müller & Söhne GmbH|",
        "O’Brien (Dublin) Ltd.|",
        "株式会社 日本|",
        "नमस्ते Co|",
        "'<a href=\"https://evil.example/login\">Confirm your PIM account</a>'|pimOrganizationNameInvalid",
        "Acme\u200B|pimOrganizationNameInvalid",
        "Acme\u202Egnp.exe|pimOrganizationNameInvalid",
        "evil.example/login|pimOrganizationNameInvalid",
        "a@b|pimOrganizationNameInvalid",
        "''|pimOrganizationNameMissing",
    })
    void namesArePlainTextOfLettersDigitsSpacesAndCommonPunctuation(String typed, String problem) {
        String name = OrganizationNames.clean(typed);
        assertThat(OrganizationNames.problemWith(name)).isEqualTo(problem);
    }

    @Test
    void namesAreNfkcNormalizedAndAtMost100Characters() {
        assertThat(OrganizationNames.clean("ＡＣＭＥ\u00A0Ｌｔｄ")).isEqualTo("ACME Ltd");
        assertThat(OrganizationNames.problemWith("a".repeat(100))).isNull();
        assertThat(OrganizationNames.problemWith("a".repeat(101))).isEqualTo("pimOrganizationNameTooLong");
    }

    @Test
    void theSameNameIgnoresCaseWidthAndSpacing() {
        assertThat(OrganizationNames.key("ACME  Ltd")).isEqualTo(OrganizationNames.key("Acme Ltd"))
                .isEqualTo(OrganizationNames.key("ａｃｍｅ ｌｔｄ"));
        assertThat(OrganizationNames.key("Straße")).isEqualTo(OrganizationNames.key("STRASSE"));
        assertThat(OrganizationNames.key("Acme")).isNotEqualTo(OrganizationNames.key("Acne"));
    }
}
