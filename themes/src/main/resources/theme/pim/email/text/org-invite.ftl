<#ftl output_format="plainText">
<#-- Plain text: no kcSanitize (it would turn the link's & and = into entities), so the link works as written. -->
<#assign invitation = pimInvitation!{}>
<#if firstName?? && lastName??>
${msg("pimOrgInviteGreeting", firstName, lastName)}

</#if>
<#if invitation.inviter??>
${msg("pimOrgInviteFrom", invitation.inviter, organization.name, invitation.application, realmName)}
<#else>
${msg("pimOrgInvite", organization.name, realmName)}
</#if>
<#if (invitation.roles![])?has_content>

${msg("pimOrgInviteRoles")}
<#list invitation.roles as role>
- ${role}
</#list>
</#if>

${msg("pimOrgInviteLinkIntro")}
${link}

${msg("pimOrgInviteExpiry", linkExpirationFormatter(linkExpiration))}

${msg("pimOrgInviteIgnore")}
