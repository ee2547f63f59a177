<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("pimBrowserTrustedBodyHtml", realmName, browserHtml, osHtml, until))?no_esc}
</@layout.emailLayout>
