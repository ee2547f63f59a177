<#-- Phone registration: number, label, method, then Send; the code step is phone-otp-code.ftl. Uses only
     template.ftl and the theme's kc* classes, so it renders under any login theme; theme "pim" restyles it.
     An error is tied to its field (aria-describedby, aria-invalid), which takes the focus. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phoneNumber','deliveryMethod','label'); section>
<!-- template: phone-register.ftl -->
    <#if section="header">
        ${msg("pimPhoneRegisterTitle")}
    <#elseif section="form">
        <#assign numberError = messagesPerField.existsError('phoneNumber')>
        <#assign labelError = messagesPerField.existsError('label')>
        <#assign methodError = messagesPerField.existsError('deliveryMethod')>
        <p class="pim-note">${msg("pimPhoneRegisterIntro")}</p>
        <form id="pim-phone-register" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <div class="${properties.kcFormGroupClass!}">
                <label for="country" class="${properties.kcFormLabelClass!}">${msg("pimPhoneRegisterCountry")}</label>
                <span class="${properties.kcInputClass!}">
                    <select id="country" name="country" autocomplete="country">
                        <#list phoneRegister.countries as country>
                            <option value="${country.code}" <#if country.code == phoneRegister.country>selected</#if>>${country.name}</option>
                        </#list>
                    </select>
                </span>
            </div>

            <div class="${properties.kcFormGroupClass!}">
                <label for="phoneNumber" class="${properties.kcFormLabelClass!}">${msg("pimPhoneRegisterNumber")}</label>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('phoneNumber')>${properties.kcError!}</#if>">
                    <input id="phoneNumber" name="phoneNumber" type="tel" inputmode="tel" autocomplete="tel"
                           <#if numberError || !(labelError || methodError)>autofocus</#if>
                           value="${phoneRegister.phoneNumber}" aria-describedby="<#if numberError>input-error-phoneNumber </#if>pim-number-help"
                           <#if numberError>aria-invalid="true"</#if>/>
                </span>
                <p id="pim-number-help" class="${properties.kcFormHelperTextClass!}">${msg("pimPhoneRegisterNumberHelp")}</p>
                <#if messagesPerField.existsError('phoneNumber')>
                    <p id="input-error-phoneNumber" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('phoneNumber'))?no_esc}</p>
                </#if>
            </div>

            <div class="${properties.kcFormGroupClass!}">
                <label for="label" class="${properties.kcFormLabelClass!}">${msg("pimPhoneRegisterLabel")}</label>
                <span class="${properties.kcInputClass!}">
                    <input id="label" name="label" type="text" autocomplete="off" value="${phoneRegister.label}"
                           <#if labelError>aria-describedby="input-error-label" aria-invalid="true"<#if !numberError> autofocus</#if></#if>/>
                </span>
                <#if messagesPerField.existsError('label')>
                    <p id="input-error-label" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('label'))?no_esc}</p>
                </#if>
            </div>

            <fieldset class="${properties.kcFormGroupClass!} pim-choice" <#if methodError>aria-describedby="input-error-deliveryMethod"</#if>>
                <legend class="${properties.kcFormLabelClass!} pim-choice__legend">${msg("pimPhoneRegisterMethod")}</legend>
                <#list phoneRegister.methods as method>
                    <div class="${properties.kcInputClassRadio!} pf-v5-c-radio pim-choice__item">
                        <input class="${properties.kcInputClassRadioInput!} pf-v5-c-radio__input" type="radio" id="deliveryMethod-${method}" name="deliveryMethod" value="${method}"
                               <#if method == phoneRegister.deliveryMethod>checked</#if>
                               <#if methodError>aria-invalid="true"<#if method?is_first && !numberError && !labelError> autofocus</#if></#if>>
                        <label class="${properties.kcInputClassRadioLabel!} pf-v5-c-radio__label" for="deliveryMethod-${method}">${msg("pimPhoneOtpMethod_" + method)}</label>
                    </div>
                </#list>
                <#if messagesPerField.existsError('deliveryMethod')>
                    <p id="input-error-deliveryMethod" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('deliveryMethod'))?no_esc}</p>
                </#if>
            </fieldset>

            <div class="${properties.kcFormGroupClass!} ${properties.kcFormActionGroupClass!} pim-actions">
                <button id="pim-send" name="send" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneOtpSend")}</button>
                <#if phoneRegister.appInitiated>
                    <button id="pim-cancel" name="cancel-aia" type="submit"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("doCancel")}</button>
                </#if>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
