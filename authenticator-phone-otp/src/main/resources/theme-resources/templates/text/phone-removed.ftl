<#ftl output_format="plainText">
${msg("pimPhoneRemovedBody", realmName, phone)}
