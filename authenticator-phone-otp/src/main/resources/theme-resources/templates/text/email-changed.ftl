<#ftl output_format="plainText">
${msg("pimEmailChangedBody", realmName, newEmail)}
