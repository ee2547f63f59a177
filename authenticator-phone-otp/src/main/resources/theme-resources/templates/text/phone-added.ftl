<#ftl output_format="plainText">
${msg("pimPhoneAddedBody", realmName, phone)}
