<#-- Phone OTP, step 2 (sign-in and phone registration): the code, time left, Resend and Back; in a sign-in, the
     offer to trust this browser (off by default; shown when the step sets pimTrustBrowser). Uses only
     template.ftl and the theme's kc* classes, so it renders under any login theme; theme "pim" restyles it.
     For people: the time left is shown every second but announced (aria-live) only at 60 s, 30 s and expiry;
     "Didn't get a code?" holds Resend and Back (the phone and method stay chosen: nothing to type again); a
     pasted code loses its spaces and dashes; errors are tied to the field; the focus waits where the person
     acts next (the code, else Resend once it expired, else the restart link). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: phone-otp-code.ftl -->
    <#if section="header">
        ${msg("pimPhoneOtpTitle")}
    <#elseif section="form">
        <#assign codeError = messagesPerField.existsError('code')>
        <form id="pim-phone-otp-code" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <p id="pim-sent-to" class="pim-note">${msg("pimPhoneOtpCodeSentTo", phoneOtp.maskedNumber, msg("pimPhoneOtpMethod_" + phoneOtp.method))}</p>
            <#if phoneOtp.expired>
                <p id="pim-countdown" class="pim-note pim-note--warning" role="status">${msg("pimPhoneOtpExpiredNotice")}</p>
            <#else>
                <p id="pim-countdown" class="pim-note" aria-live="off"
                   data-seconds-left="${phoneOtp.secondsLeft?c}"
                   data-template="${msg('pimPhoneOtpExpiresIn', '%M', '%S')}"
                   data-expired="${msg('pimPhoneOtpExpiredNotice')}">${msg("pimPhoneOtpExpiresIn", phoneOtp.minutes, phoneOtp.seconds)}</p>
                <p id="pim-countdown-announce" class="pf-v5-screen-reader" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap" role="status" aria-live="polite" aria-atomic="true"></p>
            </#if>

            <#if !phoneOtp.exhausted>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="code" class="${properties.kcFormLabelClass!}">${msg("pimPhoneOtpCodeLabel")}</label>
                    <span class="${properties.kcInputClass!} <#if codeError>${properties.kcError!}</#if>">
                        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                               <#if !phoneOtp.expired>autofocus</#if> spellcheck="false" autocapitalize="off"
                               aria-describedby="<#if codeError>input-error-code </#if>pim-sent-to pim-countdown"
                               <#if codeError>aria-invalid="true"</#if>/>
                    </span>
                    <#if codeError>
                        <p id="input-error-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('code'))?no_esc}</p>
                    </#if>
                </div>
            </#if>

            <#if !phoneOtp.exhausted && pimTrustBrowser?? && pimTrustBrowser.days gt 0>
                <div class="${properties.kcFormGroupClass!} pim-trust-browser">
                    <div class="${properties.kcCheckboxClass!'checkbox'}">
                        <input id="trustBrowser" name="trustBrowser" type="checkbox" value="on" aria-describedby="pim-trust-browser-hint"
                               class="${properties.kcCheckboxInputClass!}" <#if pimTrustBrowser.checked>checked</#if>/>
                        <label for="trustBrowser" class="${properties.kcCheckboxLabelClass!}">${msg("pimTrustBrowser", pimTrustBrowser.days?c)}</label>
                    </div>
                    <p id="pim-trust-browser-hint" class="pim-note">${msg("pimTrustBrowserHint")}</p>
                </div>
            </#if>

            <div class="${properties.kcFormGroupClass!} ${properties.kcFormActionGroupClass!} pim-actions">
                <#if phoneOtp.exhausted>
                    <a id="pim-restart" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" href="${url.loginRestartFlowUrl}">${msg("pimPhoneOtpRestart")}</a>
                <#else>
                    <button id="pim-verify" name="verify" type="submit"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneOtpVerify")}</button>
                </#if>
            </div>

            <details id="pim-no-code" class="pim-no-code" <#if phoneOtp.expired || phoneOtp.exhausted>open</#if>>
                <summary id="pim-no-code-summary">${msg("pimPhoneOtpNoCodeSummary")}</summary>
                <p id="pim-no-code-help" class="pim-note">${msg("pimPhoneOtpNoCodeHelp")}</p>
                <div class="${properties.kcFormGroupClass!} ${properties.kcFormActionGroupClass!} pim-actions">
                    <#if !phoneOtp.exhausted>
                        <button id="pim-resend" name="resend" type="submit" <#if phoneOtp.expired>autofocus</#if>
                                <#if phoneOtp.resendIn gt 0>aria-describedby="pim-resend-in"</#if>
                                class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneOtpResend")}</button>
                    </#if>
                    <button id="pim-back" name="back" type="submit"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("pimPhoneOtpBack")}</button>
                </div>
                <#if !phoneOtp.exhausted && phoneOtp.resendIn gt 0>
                    <p id="pim-resend-in" class="pim-note">${msg("pimPhoneOtpResendIn", phoneOtp.resendIn?c)}</p>
                </#if>
            </details>
        </form>
        <script>
            (function () {
                var code = document.getElementById("code");
                var restart = document.getElementById("pim-restart");
                if (restart) { restart.focus(); }
                // A pasted message or code keeps only its longest run of digits (spaces and dashes inside it dropped).
                if (code) {
                    code.addEventListener("paste", function (event) {
                        var pasted = (event.clipboardData || window.clipboardData).getData("text") || "";
                        var runs = (pasted.match(/\d[\d \-]*\d|\d/g) || []).map(function (run) { return run.replace(/\D/g, ""); });
                        var digits = runs.sort(function (a, b) { return b.length - a.length; })[0];
                        if (digits && digits !== pasted) {
                            event.preventDefault();
                            code.value = digits;
                        }
                    });
                }
                var countdown = document.getElementById("pim-countdown");
                var announce = document.getElementById("pim-countdown-announce");
                if (!countdown || !countdown.dataset.secondsLeft) { return; }
                var end = Date.now() + Number(countdown.dataset.secondsLeft) * 1000;
                // Screen readers hear the time left at these moments only, not every second.
                var moments = [60, 30].filter(function (moment) { return moment < Number(countdown.dataset.secondsLeft); });
                function text(left) {
                    return countdown.dataset.template.replace("%M", Math.floor(left / 60)).replace("%S", String(left % 60).padStart(2, "0"));
                }
                function render() {
                    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
                    if (left === 0) {
                        countdown.textContent = countdown.dataset.expired;
                        announce.textContent = countdown.dataset.expired;
                        document.getElementById("pim-no-code").open = true;
                        return;
                    }
                    countdown.textContent = text(left);
                    if (moments.length > 0 && left <= moments[0]) {
                        announce.textContent = text(left);
                        moments.shift();
                    }
                    setTimeout(render, 1000);
                }
                render();
            })();
        </script>
    </#if>
</@layout.registrationLayout>
