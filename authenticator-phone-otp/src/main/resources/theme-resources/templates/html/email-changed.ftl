<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("pimEmailChangedBodyHtml", realmName, newEmailHtml))?no_esc}
</@layout.emailLayout>
