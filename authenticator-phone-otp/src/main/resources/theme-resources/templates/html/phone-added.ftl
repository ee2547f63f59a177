<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("pimPhoneAddedBodyHtml", realmName, phone))?no_esc}
</@layout.emailLayout>
