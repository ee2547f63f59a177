<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("pimPhoneAddedBodyHtml", realmName, maskedNumber))?no_esc}
</@layout.emailLayout>
