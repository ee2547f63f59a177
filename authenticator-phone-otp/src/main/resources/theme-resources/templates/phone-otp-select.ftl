<#-- Phone OTP, step 1: pick a phone and a method, then Send. Uses only template.ftl and the theme's kc* classes,
     so it renders under any login theme; theme "pim" restyles it. An error is tied to its group and takes the
     focus there; without one, the focus waits on Send (the last choices come preselected). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!(messagesPerField.existsError('phoneId','deliveryMethod')); section>
<!-- template: phone-otp-select.ftl -->
    <#if section="header">
        ${msg("pimPhoneOtpTitle")}
    <#elseif section="form">
        <#assign phoneError = messagesPerField.existsError('phoneId')>
        <#assign methodError = messagesPerField.existsError('deliveryMethod')>
        <form id="pim-phone-otp-select" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <fieldset class="${properties.kcFormGroupClass!} pim-choice" <#if phoneError>aria-describedby="input-error-phoneId"</#if>>
                <legend class="${properties.kcFormLabelClass!} pim-choice__legend">${msg("pimPhoneOtpChoosePhone")}</legend>
                <#list phoneOtp.phones as phone>
                    <div class="${properties.kcInputClassRadio!} pf-v5-c-radio pim-choice__item">
                        <input class="${properties.kcInputClassRadioInput!} pf-v5-c-radio__input" type="radio" id="phone-${phone?index}" name="phoneId" value="${phone.id}"
                               <#if phone.id == phoneOtp.selectedPhoneId>checked</#if>
                               <#if phoneError>aria-invalid="true"<#if phone?is_first> autofocus</#if></#if>>
                        <label class="${properties.kcInputClassRadioLabel!} pf-v5-c-radio__label" for="phone-${phone?index}">
                            <span class="pim-phone__number">${phone.masked}</span>
                            <#if phone.label?has_content><span class="pim-phone__label">${phone.label}</span></#if>
                        </label>
                    </div>
                </#list>
                <#if messagesPerField.existsError('phoneId')>
                    <p id="input-error-phoneId" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('phoneId'))?no_esc}</p>
                </#if>
            </fieldset>

            <fieldset class="${properties.kcFormGroupClass!} pim-choice" <#if methodError>aria-describedby="input-error-deliveryMethod"</#if>>
                <legend class="${properties.kcFormLabelClass!} pim-choice__legend">${msg("pimPhoneOtpChooseMethod")}</legend>
                <#list phoneOtp.methods as method>
                    <div class="${properties.kcInputClassRadio!} pf-v5-c-radio pim-choice__item">
                        <input class="${properties.kcInputClassRadioInput!} pf-v5-c-radio__input" type="radio" id="deliveryMethod-${method}" name="deliveryMethod" value="${method}"
                               <#if method == phoneOtp.selectedMethod>checked</#if>
                               <#if methodError>aria-invalid="true"<#if method?is_first && !phoneError> autofocus</#if></#if>>
                        <label class="${properties.kcInputClassRadioLabel!} pf-v5-c-radio__label" for="deliveryMethod-${method}">${msg("pimPhoneOtpMethod_" + method)}</label>
                    </div>
                </#list>
                <#if messagesPerField.existsError('deliveryMethod')>
                    <p id="input-error-deliveryMethod" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('deliveryMethod'))?no_esc}</p>
                </#if>
            </fieldset>

            <div class="${properties.kcFormGroupClass!} ${properties.kcFormActionGroupClass!} pim-actions">
                <button id="pim-send" name="send" type="submit" <#if !phoneError && !methodError>autofocus</#if>
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneOtpSend")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
