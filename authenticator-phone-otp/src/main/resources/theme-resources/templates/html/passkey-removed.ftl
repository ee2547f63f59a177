<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("pimPasskeyRemovedBodyHtml", realmName, passkeyHtml))?no_esc}
</@layout.emailLayout>
