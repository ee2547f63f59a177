<#-- Phone OTP, step 2 (sign-in and phone registration): the code, time left, Resend and Back. Uses only
     template.ftl and the theme's kc* classes, so it renders under any login theme; theme "pim" restyles it. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: phone-otp-code.ftl -->
    <#if section="header">
        ${msg("pimPhoneOtpTitle")}
    <#elseif section="form">
        <form id="pim-phone-otp-code" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <p id="pim-sent-to" class="pim-note">${msg("pimPhoneOtpCodeSentTo", phoneOtp.maskedNumber, msg("pimPhoneOtpMethod_" + phoneOtp.method))}</p>
            <#if phoneOtp.expired>
                <p id="pim-countdown" class="pim-note pim-note--warning">${msg("pimPhoneOtpExpiredNotice")}</p>
            <#else>
                <p id="pim-countdown" class="pim-note" aria-live="off"
                   data-seconds-left="${phoneOtp.secondsLeft?c}"
                   data-template="${msg('pimPhoneOtpExpiresIn', '%M', '%S')}"
                   data-expired="${msg('pimPhoneOtpExpiredNotice')}">${msg("pimPhoneOtpExpiresIn", phoneOtp.minutes, phoneOtp.seconds)}</p>
            </#if>

            <#if !phoneOtp.exhausted>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="code" class="${properties.kcFormLabelClass!}">${msg("pimPhoneOtpCodeLabel")}</label>
                    <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('code')>${properties.kcError!}</#if>">
                        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autofocus
                               aria-describedby="input-error-code" aria-invalid="<#if messagesPerField.existsError('code')>true</#if>"/>
                    </span>
                    <#if messagesPerField.existsError('code')>
                        <p id="input-error-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('code'))?no_esc}</p>
                    </#if>
                </div>
            </#if>

            <div class="${properties.kcFormGroupClass!} ${properties.kcFormActionGroupClass!} pim-actions">
                <#if phoneOtp.exhausted>
                    <a id="pim-restart" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" href="${url.loginRestartFlowUrl}">${msg("pimPhoneOtpRestart")}</a>
                <#else>
                    <button id="pim-verify" name="verify" type="submit"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneOtpVerify")}</button>
                    <button id="pim-resend" name="resend" type="submit"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneOtpResend")}</button>
                </#if>
                <button id="pim-back" name="back" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneOtpBack")}</button>
            </div>
            <#if !phoneOtp.exhausted && phoneOtp.resendIn gt 0>
                <p id="pim-resend-in" class="pim-note">${msg("pimPhoneOtpResendIn", phoneOtp.resendIn?c)}</p>
            </#if>
        </form>
        <script>
            (function () {
                var countdown = document.getElementById("pim-countdown");
                if (!countdown || !countdown.dataset.secondsLeft) { return; }
                var end = Date.now() + Number(countdown.dataset.secondsLeft) * 1000;
                function render() {
                    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
                    if (left === 0) {
                        countdown.textContent = countdown.dataset.expired;
                        return;
                    }
                    var seconds = String(left % 60).padStart(2, "0");
                    countdown.textContent = countdown.dataset.template.replace("%M", Math.floor(left / 60)).replace("%S", seconds);
                    setTimeout(render, 1000);
                }
                render();
            })();
        </script>
    </#if>
</@layout.registrationLayout>
