package org.pimaccess.keycloak.organization.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
    void theSameNameIgnoresCaseWidthSpacingAndPunctuation() {
        assertThat(OrganizationNames.skeleton("ACME  Ltd")).isEqualTo(OrganizationNames.skeleton("Acme Ltd"))
                .isEqualTo(OrganizationNames.skeleton("ａｃｍｅ ｌｔｄ"));
        assertThat(OrganizationNames.skeleton("Straße")).isEqualTo(OrganizationNames.skeleton("STRASSE"));
        assertThat(OrganizationNames.skeleton("Acme.")).isEqualTo(OrganizationNames.skeleton("Acme-"))
                .isEqualTo(OrganizationNames.skeleton("A.C.M.E")).isEqualTo(OrganizationNames.skeleton("Acme"));
        assertThat(OrganizationNames.skeleton("Acme")).isNotEqualTo(OrganizationNames.skeleton("Acne"));
    }

    @Test
    void lookAlikeLettersOfOtherScriptsAndIForLShareTheSkeleton() {
        assertThat(OrganizationNames.skeleton("\u0410cme")).as("Cyrillic A").isEqualTo(OrganizationNames.skeleton("Acme"));
        assertThat(OrganizationNames.skeleton("Acme lnc")).isEqualTo(OrganizationNames.skeleton("Acme Inc"))
                .isEqualTo(OrganizationNames.skeleton("acme inc"));
        assertThat(OrganizationNames.skeleton("\u0420\u0430y\u0420al")).as("Cyrillic Р and а").isEqualTo(OrganizationNames.skeleton("PayPal"));
    }

    @Test
    void domainShapedNamesAndNamesOfPunctuationOnlyAreRefused() {
        for (String domain : List.of("acme-sso.net", "Acme acme.com", "sso.acme.co.uk", "ACME.DE")) {
            assertThat(OrganizationNames.problemWith(domain)).as(domain).isEqualTo("pimOrganizationNameDomain");
        }
        for (String fine : List.of("Acme Inc.", "Verein e.V.", "St. Louis Bakers", "A.C.M.E", "Acme-Sso")) {
            assertThat(OrganizationNames.problemWith(fine)).as(fine).isNull();
        }
        assertThat(OrganizationNames.problemWith("...")).isEqualTo("pimOrganizationNameInvalid");
    }
}
