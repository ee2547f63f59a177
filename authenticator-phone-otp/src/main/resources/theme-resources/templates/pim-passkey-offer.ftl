<#-- The passkey level for a person without a passkey, after their password and phone code: add one now
     (Keycloak's passkey registration follows) or decline (the application hears that the level was not met).
     Uses only template.ftl and the theme's kc* classes, so it renders under any login theme. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: pim-passkey-offer.ftl -->
    <#if section="header">
        ${msg("pimPasskeyOfferTitle")}
    <#elseif section="form">
        <p id="pim-passkey-offer" class="pim-note">${msg("pimPasskeyOfferInfo")}</p>
        <form id="pim-passkey-offer-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <div class="${properties.kcFormGroupClass!} ${properties.kcFormActionGroupClass!} pim-actions">
                <button id="pim-passkey-add" name="add" type="submit" autofocus
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPasskeyOfferAdd")}</button>
                <button id="pim-passkey-decline" name="decline" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPasskeyOfferDecline")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
