<#-- The organization invitation. Every value is auto-escaped (no ?no_esc): an organization name with markup shows as text, never as a link. -->
<#import "template.ftl" as layout>
<#assign invitation = pimInvitation!{}>
<@layout.emailLayout>
<#if firstName?? && lastName??>
<p>${msg("pimOrgInviteGreeting", firstName, lastName)}</p>
</#if>
<#if invitation.inviter??>
<p>${msg("pimOrgInviteFrom", invitation.inviter, organization.name, invitation.application, realmName)}</p>
<#else>
<p>${msg("pimOrgInvite", organization.name, realmName)}</p>
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
