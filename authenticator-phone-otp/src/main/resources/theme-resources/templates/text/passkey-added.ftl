<#ftl output_format="plainText">
${msg("pimPasskeyAddedBody", realmName, passkey)}
