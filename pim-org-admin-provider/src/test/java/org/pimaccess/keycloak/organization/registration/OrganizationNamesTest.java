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
}
