<#-- The organization invitation. Every value is auto-escaped (no ?no_esc): an organization name with markup shows as text, never as a link. -->
<#import "template.ftl" as layout>
<#-- Shown names are plain text: what is not a letter, digit, space or common punctuation becomes a space, so markup, links and invisible characters from a name never reach the mail. -->
<#function plain value><#return value?replace("[^\\p{L}\\p{M}\\p{Nd} .,'’&()\\-–+!?#]+", " ", "r")?replace("\\s+", " ", "r")?trim></#function>
<#assign invitation = pimInvitation!{}>
<@layout.emailLayout>
<#if firstName?? && lastName??>
<p>${msg("pimOrgInviteGreeting", plain(firstName), plain(lastName))}</p>
</#if>
<#if invitation.inviter??>
<p>${msg("pimOrgInviteFrom", plain(invitation.inviter), plain(organization.name), invitation.application, realmName)}</p>
<#else>
<p>${msg("pimOrgInvite", plain(organization.name), realmName)}</p>
</#if>
<#if (invitation.roles![])?has_content>
<p>${msg("pimOrgInviteRoles")}</p>
<ul>
<#list invitation.roles as role>
<li>${role}</li>
</#list>
</ul>
</#if>
<p><a href="${link}">${msg("pimOrgInviteLinkText")}</a></p>
<p>${msg("pimOrgInviteExpiry", linkExpirationFormatter(linkExpiration))}</p>
<p>${msg("pimOrgInviteIgnore")}</p>
</@layout.emailLayout>
