<#ftl output_format="plainText">
${msg("pimBrowserTrustedBody", realmName, browser, os, until)}
