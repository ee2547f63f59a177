<#-- The end of a sign-in whose person declined the passkey their organization requires: which organizations ask
     it and which of their admins to turn to. No form: the sign-in ends here, with no session and no token.
     Uses only template.ftl and the theme's kc* classes, so it renders under any login theme. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: pim-organization-passkey-required.ftl -->
    <#if section="header">
        ${msg("pimOrgPasskeyRequiredTitle")}
    <#elseif section="form">
        <div id="pim-org-passkey-required">
            <p>${msg("pimOrgPasskeyRequiredInfo")}</p>
            <#list pimAskingOrganizations as asking>
                <h2 class="pim-organization-name">${asking.name}</h2>
                <#if asking.admins?has_content>
                    <p>${msg("pimOrgPasskeyRequiredAdmins")}</p>
                    <ul class="pim-organization-admins">
                        <#list asking.admins as admin>
                            <li>${admin}</li>
                        </#list>
                    </ul>
                <#else>
                    <p>${msg("pimOrgPasskeyRequiredNoAdmin")}</p>
                </#if>
            </#list>
            <p>${msg("pimOrgPasskeyRequiredRetry")}</p>
        </div>
    </#if>
</@layout.registrationLayout>
