<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("pimPhoneRemovedBodyHtml", realmName, phone))?no_esc}
</@layout.emailLayout>
