package org.pimaccess.keycloak.organization.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.trust.TrustedBrowserLimit;

class PersonPolicyTest {

    @Test
    void organizationsThatSetNothingLeaveTheLevelToTheApplicationAndTheDaysToTheRealm() {
        PersonPolicy policy = PersonPolicy.of(Set.of("a", "b"), Map.of());

        assertThat(policy.level()).isEqualTo(SignInLevel.PHONE_OTP);
        assertThat(policy.organizationIds()).isEmpty();
        assertThat(policy.trustedBrowserDays()).isEqualTo(TrustedBrowserLimit.UNLIMITED);
    }

    @Test
    void oneOrganizationRequiringPasskeyRaisesTheLevelAndIsNamed() {
        PersonPolicy policy = PersonPolicy.of(Set.of("relaxed", "strict"),
                Map.of("strict", new SignInPolicy(SignInLevel.PASSKEY, null)));

        assertThat(policy.level()).isEqualTo(SignInLevel.PASSKEY);
        assertThat(policy.organizationIds()).containsExactly("strict");
        assertThat(policy.trustedBrowserDays()).isEqualTo(TrustedBrowserLimit.UNLIMITED);
    }

    @Test
    void theFewestTrustedBrowserDaysOfTheActiveOrganizationsWinAndZeroForbids() {
        Map<String, SignInPolicy> policies = Map.of(
                "week", new SignInPolicy(SignInLevel.PHONE_OTP, 7),
                "never", new SignInPolicy(SignInLevel.PHONE_OTP, 0),
                "month", new SignInPolicy(SignInLevel.PHONE_OTP, 30));

        assertThat(PersonPolicy.of(Set.of("week", "month"), policies).trustedBrowserDays()).isEqualTo(7);
        assertThat(PersonPolicy.of(Set.of("week", "never", "month"), policies).trustedBrowserDays()).isZero();
    }

    @Test
    void aSuspendedMembershipIsNotAmongTheActiveOnesSoItsPolicyDoesNotCount() {
        Map<String, SignInPolicy> policies = Map.of("strict", new SignInPolicy(SignInLevel.PASSKEY, 0));

        PersonPolicy policy = PersonPolicy.of(Set.of("relaxed"), policies);

        assertThat(policy.level()).isEqualTo(SignInLevel.PHONE_OTP);
        assertThat(policy.trustedBrowserDays()).isEqualTo(TrustedBrowserLimit.UNLIMITED);
    }

    @Test
    void theSignInNoteGivesBackTheSamePolicy() {
        PersonPolicy policy = new PersonPolicy(SignInLevel.PASSKEY, List.of("o1", "o2"), 5);

        assertThat(PersonPolicy.parse(policy.note())).isEqualTo(policy);
        assertThat(PersonPolicy.parse(PersonPolicy.NONE.note())).isEqualTo(PersonPolicy.NONE);
    }

    @Test
    void levelsAreNamedByTheirAcr() {
        assertThat(SignInLevel.PASSKEY.acr()).isEqualTo("passkey");
        assertThat(SignInLevel.ofAcr("phone-otp")).contains(SignInLevel.PHONE_OTP);
        assertThat(SignInLevel.ofAcr("password")).isEmpty();
        assertThat(SignInLevel.PHONE_OTP.atLeast(SignInLevel.PASSKEY)).isEqualTo(SignInLevel.PASSKEY);
    }
}
