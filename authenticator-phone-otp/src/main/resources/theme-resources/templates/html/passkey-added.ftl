<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("pimPasskeyAddedBodyHtml", realmName, passkeyHtml))?no_esc}
</@layout.emailLayout>
