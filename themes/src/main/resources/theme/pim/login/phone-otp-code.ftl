<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
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
                <@field.input name="code" label=msg("pimPhoneOtpCodeLabel") autocomplete="one-time-code" autofocus=true />
            </#if>

            <@buttons.actionGroup>
                <#if phoneOtp.exhausted>
                    <a id="pim-restart" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" href="${url.loginRestartFlowUrl}">${msg("pimPhoneOtpRestart")}</a>
                <#else>
                    <@buttons.button id="pim-verify" name="verify" label="pimPhoneOtpVerify"/>
                    <@buttons.button id="pim-resend" name="resend" label="pimPhoneOtpResend" type="secondary"/>
                </#if>
                <@buttons.button id="pim-back" name="back" label="pimPhoneOtpBack" type="secondary"/>
            </@buttons.actionGroup>
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
