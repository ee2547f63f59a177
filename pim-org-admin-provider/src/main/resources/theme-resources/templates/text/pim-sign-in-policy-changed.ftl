<#ftl output_format="plainText">
${msg("pimSignInPolicyChangedBody", organization, changedBy)}

- ${msg("pimSignInPolicyChangedLevel", msg("pimSignInLevel_" + levelBefore), msg("pimSignInLevel_" + levelAfter))}
- ${msg("pimSignInPolicyChangedDays", daysBefore?c, daysAfter?c)}

${msg("pimSignInPolicyChangedFooter")}
