<#ftl output_format="plainText">
<#if resetBy??>
${msg("pimPhonesResetBody", realmName, resetBy, link, linkExpiration)}
<#else>
${msg("pimPhonesResetLinkBody", realmName, link, linkExpiration)}
</#if>
