package org.pimaccess.keycloak.organization.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An organization's sign-in policy, one row per organization that set one: the level its members need
 * ({@code phone-otp} or {@code passkey}) and for how many days they may trust a browser ({@code null}: the realm's
 * setting). An organization without a row has the defaults.
 */
@Entity
@Table(name = "PIM_ORG_SIGN_IN_POLICY")
public class SignInPolicyEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 255)
    private String organizationId;

    @Column(name = "SIGN_IN_LEVEL", length = 32, nullable = false)
    private String level;

    @Column(name = "TRUSTED_BROWSER_DAYS")
    private Integer trustedBrowserDays;

    protected SignInPolicyEntity() {
    }

    public SignInPolicyEntity(String organizationId, String level, Integer trustedBrowserDays) {
        this.organizationId = organizationId;
        this.level = level;
        this.trustedBrowserDays = trustedBrowserDays;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getLevel() {
        return level;
    }

    public Integer getTrustedBrowserDays() {
        return trustedBrowserDays;
    }

    public void set(String level, Integer trustedBrowserDays) {
        this.level = level;
        this.trustedBrowserDays = trustedBrowserDays;
    }
}
