<#ftl output_format="plainText">
${msg("pimPasskeyRemovedBody", realmName, passkey)}
