<#ftl output_format="plainText">
<#-- Plain text: no kcSanitize (it would turn the link's & and = into entities), so the link works as written. -->
<#-- Shown names are plain text: what is not a letter, digit, space or common punctuation becomes a space, so markup, links and invisible characters from a name never reach the mail. -->
<#function plain value><#return value?replace("[^\\p{L}\\p{M}\\p{Nd} .,'’&()\\-–+!?#]+", " ", "r")?replace("\\s+", " ", "r")?trim></#function>
<#assign invitation = pimInvitation!{}>
<#if firstName?? && lastName??>
${msg("pimOrgInviteGreeting", plain(firstName), plain(lastName))}

</#if>
<#if invitation.inviter??>
${msg("pimOrgInviteFrom", plain(invitation.inviter), plain(organization.name), invitation.application, realmName)}
<#else>
${msg("pimOrgInvite", plain(organization.name), realmName)}
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
