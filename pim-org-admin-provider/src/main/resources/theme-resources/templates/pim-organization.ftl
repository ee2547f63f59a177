<#-- The organization, asked right after registration when the registration page had no organization field
     (required action pim-organization). The same field as theme pim's register.ftl: name organizationName,
     label, hint, error. Uses only template.ftl and the theme's kc* classes, so it renders under any login
     theme. An error is tied to the field (aria-describedby, aria-invalid), which takes the focus. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('organizationName'); section>
<!-- template: pim-organization.ftl -->
    <#if section="header">
        ${msg("pimOrganizationPageTitle")}
    <#elseif section="form">
        <#assign nameError = messagesPerField.existsError('organizationName')>
        <form id="pim-organization" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <div class="${properties.kcFormGroupClass!}">
                <label for="organizationName" class="${properties.kcFormLabelClass!}">${msg("pimOrganizationName")}</label>
                <span class="${properties.kcInputClass!} <#if nameError>${properties.kcError!}</#if>">
                    <input id="organizationName" name="organizationName" type="text" autocomplete="organization" autofocus
                           required aria-required="true" value="${pimOrganizationPage.name}"
                           aria-describedby="<#if nameError>input-error-organizationName </#if>organizationName-hint"
                           <#if nameError>aria-invalid="true"</#if>/>
                </span>
                <p id="organizationName-hint" class="${properties.kcFormHelperTextClass!} pim-note">${msg("pimOrganizationNameHint")}</p>
                <#if nameError>
                    <p id="input-error-organizationName" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('organizationName'))?no_esc}</p>
                </#if>
            </div>

            <div class="${properties.kcFormGroupClass!} ${properties.kcFormActionGroupClass!} pim-actions">
                <button id="pim-organization-submit" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimOrganizationPageSubmit")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
