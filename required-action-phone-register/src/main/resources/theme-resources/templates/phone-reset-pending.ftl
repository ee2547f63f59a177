<#-- After an admin reset the person's phones: phone registration opens only through the emailed link.
     One button, "resend", mails the link again. Uses only template.ftl and the theme's kc* classes. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: phone-reset-pending.ftl -->
    <#if section="header">
        ${msg("pimPhoneResetPendingTitle")}
    <#elseif section="form">
        <p id="pim-reset-pending" class="pim-note">${msg("pimPhoneResetPendingInfo")}</p>
        <form id="pim-phone-reset-pending" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <div class="${properties.kcFormGroupClass!} ${properties.kcFormActionGroupClass!} pim-actions">
                <button id="pim-resend-link" name="resend" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneResetResend")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
