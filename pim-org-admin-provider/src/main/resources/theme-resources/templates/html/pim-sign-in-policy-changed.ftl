<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("pimSignInPolicyChangedBody", organization, changedBy)}</p>
<ul>
<li>${msg("pimSignInPolicyChangedLevel", msg("pimSignInLevel_" + levelBefore), msg("pimSignInLevel_" + levelAfter))}</li>
<li>${msg("pimSignInPolicyChangedDays", daysBefore?c, daysAfter?c)}</li>
</ul>
<p>${msg("pimSignInPolicyChangedFooter")}</p>
</@layout.emailLayout>
