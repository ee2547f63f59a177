<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if resetByHtml??>
${kcSanitize(msg("pimPhonesResetBodyHtml", realmName, resetByHtml, link, linkExpiration))?no_esc}
<#else>
${kcSanitize(msg("pimPhonesResetLinkBodyHtml", realmName, link, linkExpiration))?no_esc}
</#if>
</@layout.emailLayout>
