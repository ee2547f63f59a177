"use strict";
// The home dashboard. It signs in through the public client pim-home (authorization code with PKCE),
// keeps its tokens in memory only, and reads GET api/me next to it. Every load asks Keycloak first
// without showing anything (prompt=none), so an existing session keeps the strength it has; only when
// there is no session does it ask for a sign-in, at phone-otp (or passkey). No library, no CDN.
(() => {
  const here = new URL(window.location.href);
  const home = here.pathname.replace(/\/pim-home\/.*$/, "/pim-home/");
  const realmPath = home.replace(/\/pim-home\/$/, "");
  const oidc = realmPath + "/protocol/openid-connect";
  const clientId = "pim-home";
  const redirectUri = here.origin + home;
  // Sign-in asks for phone OTP at least; naming passkey too lets the token say acr=passkey when the session has it
  // (Keycloak answers with the highest requested acr the session meets).
  const signInAcr = "phone-otp passkey";
  // Keycloak's passwordless WebAuthn registration; the flow asks for the phone-OTP level first (README).
  const addPasskeyAction = "webauthn-register-passwordless";
  const strongAcrs = ["phone-otp", "passkey"];
  const pkceKey = "pim-home.pkce";
  const $ = (id) => document.getElementById(id);
  let texts = {};
  let tokens = null;

  const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
  const claims = (jwt) => JSON.parse(new TextDecoder().decode(Uint8Array.from(
    atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))));

  function t(key, ...values) {
    const text = texts[key] === undefined ? key : texts[key];
    return text.replace(/\{(\d)\}/g, (whole, index) => (values[index] === undefined ? whole : values[index]));
  }

  const strengthName = (acr) => (texts["pimHome.strength." + acr] === undefined ? acr || t("pimHome.strength.none")
    : t("pimHome.strength." + acr));

  async function loadTexts(locale) {
    const response = await fetch(home + "api/messages" + (locale ? "?locale=" + encodeURIComponent(locale) : ""),
      { headers: { Accept: "application/json" } });
    if (response.ok) {
      const answer = await response.json();
      texts = answer.messages;
      document.documentElement.lang = answer.locale;
      document.title = t("pimHome.title") + " - " + t("pimHome.product");
      document.querySelectorAll("[data-text]").forEach((node) => { node.textContent = t(node.dataset.text); });
    }
  }

  // Sends the browser to Keycloak: the sign-in (auth) or the registration (registrations) of pim-home.
  async function authorize({ endpoint = "auth", prompt, acr, action, silent = false, raise = false }) {
    const verifier = random();
    const state = random();
    sessionStorage.setItem(pkceKey, JSON.stringify({ verifier, state, silent, raise, action: action || null }));
    const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const query = new URLSearchParams({ client_id: clientId, response_type: "code", scope: "openid",
      redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: "S256" });
    if (prompt) query.set("prompt", prompt);
    if (acr) query.set("acr_values", acr);
    if (action) query.set("kc_action", action);
    window.location.assign(oidc + "/" + endpoint + "?" + query);
  }

  async function redeem(code, verifier) {
    const response = await fetch(oidc + "/token", { method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri,
        client_id: clientId, code_verifier: verifier }) });
    if (!response.ok) {
      throw new Error(t("pimHome.signInFailed"));
    }
    tokens = await response.json();
  }

  async function me() {
    const response = await fetch(home + "api/me", { headers: { Authorization: "Bearer " + tokens.access_token,
      Accept: "application/json" } });
    if (response.status === 401) {
      tokens = null;
      await authorize({ prompt: "none", silent: true });
      throw new Error(t("pimHome.sessionEnded"));
    }
    if (!response.ok) {
      throw new Error(t("pimHome.loadFailed", response.status));
    }
    return response.json();
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.forEach((child) => node.append(child));
    return node;
  }

  function say(text) {
    $("message").textContent = text;
    $("message").hidden = false;
  }

  function fail(text) {
    $("message").hidden = true;
    if (!tokens) {
      $("welcome").textContent = t("pimHome.title");
    }
    const again = element("button", { type: "button", id: "sign-in-again" }, t("pimHome.signInAgain"));
    again.addEventListener("click", () => authorize({ acr: signInAcr }));
    $("error").replaceChildren(element("span", {}, text), again);
    $("error").hidden = false;
  }

  function header(person) {
    const strength = element("span", { id: "strength", tabindex: "0",
      class: "strength" + (strongAcrs.includes(person.acr) ? "" : " strength--weak"),
      title: t("pimHome.strength") + ": " + t(helpKey(person.acr)), "aria-describedby": "strength-help" },
    strengthName(person.acr));
    const parts = [element("span", { id: "who-name" }, person.name)];
    if (person.organizations.length > 0) {
      parts.push(element("span", { id: "who-organization" }, person.organizations.map((org) => org.name).join(", ")));
    }
    parts.push(element("span", { class: "visually-hidden" }, t("pimHome.strength") + ":"), strength);
    if (person.organizationsRequire) {
      parts.push(element("span", { id: "organizations-require" },
        t("pimHome.organizationsRequire", strengthName(person.organizationsRequire))));
    }
    const missing = person.raiseTo ? [person.raiseTo]
      : person.applications.filter((app) => !app.acrSatisfied).map((app) => app.requiredAcr);
    if (missing.length > 0) {
      const raise = element("button", { type: "button", id: "raise" }, t("pimHome.raise", strengthName(missing[0])));
      raise.addEventListener("click", () => authorize({ acr: missing[0], raise: true }));
      parts.push(raise);
    }
    parts.push(element("a", { id: "sign-out", href: oidc + "/logout?" + new URLSearchParams({ client_id: clientId,
      post_logout_redirect_uri: redirectUri, id_token_hint: tokens.id_token }) }, t("pimHome.signOut")));
    $("who").replaceChildren(...parts);
  }

  const helpKey = (acr) => (texts["pimHome.strengthHelp." + acr] === undefined ? "pimHome.strengthHelp.none"
    : "pimHome.strengthHelp." + acr);

  function applications(person) {
    $("no-applications").hidden = person.applications.length > 0;
    $("applications").replaceChildren(...person.applications.map((app) => {
      const id = app.clientId.replace(/[^A-Za-z0-9_-]/g, "_");
      const card = element("li", { class: "card", id: "app-" + id, "data-client-id": app.clientId },
        element("h3", { id: "app-name-" + id }, app.name));
      if (app.description) {
        card.append(element("p", {}, app.description));
      }
      card.append(element("p", { class: "muted", id: "app-requires-" + id },
        app.requiredAcr ? t("pimHome.requires", strengthName(app.requiredAcr)) : t("pimHome.requiresNothing")));
      if (!app.acrSatisfied) {
        card.append(element("p", { class: "muted" }, t("pimHome.needsMore", strengthName(person.acr), strengthName(app.requiredAcr))));
      }
      card.append(app.url
        ? element("a", { class: "button primary", id: "open-" + id, href: app.url, "aria-describedby": "app-name-" + id },
          t("pimHome.open"))
        : element("p", { class: "muted" }, t("pimHome.noUrl")));
      return card;
    }));
  }

  function organizations(person) {
    $("no-organizations").hidden = person.organizations.length > 0;
    $("organizations").replaceChildren(...person.organizations.map((org) => {
      const card = element("li", { class: "card", "data-organization": org.alias },
        element("h3", {}, org.name),
        element("p", {}, element("strong", {}, t("pimHome.yourRoles") + ": "),
          element("span", { class: "roles" }, org.roles.map((role) => role.label).join(", ") || t("pimHome.noRoles"))));
      if (!org.enabled) {
        card.append(element("p", { class: "muted" }, t("pimHome.orgPending")));
      }
      if (org.suspended) {
        const ask = org.suspended.askEmail ? org.suspended.askName + " (" + org.suspended.askEmail + ")" : org.suspended.askName;
        card.append(element("p", { class: "suspended", id: "suspended-" + org.alias },
          element("strong", {}, t("pimHome.suspended")), " ",
          t("pimHome.suspendedHelp", new Date(org.suspended.since).toLocaleDateString(person.locale), ask, org.name)));
      }
      if (org.admin) {
        card.append(element("p", {}, element("a", { class: "button", href: realmPath + "/pim-org-admin/ui/",
          "data-administer": org.alias }, t("pimHome.administer"))), element("p", { class: "muted" }, t("pimHome.administerHelp")));
      }
      return card;
    }));
  }

  function credentials(person) {
    $("strength-help").textContent = t(helpKey(person.acr));
    $("password-state").textContent = person.password.set
      ? t("pimHome.passwordSet", new Date(person.password.updatedAt).toLocaleDateString(person.locale))
      : t("pimHome.passwordNotSet");
    $("no-phones").hidden = person.phones.length > 0;
    $("phones").hidden = person.phones.length === 0;
    $("phones").tBodies[0].replaceChildren(...person.phones.map((phone) => element("tr", { "data-phone-id": phone.id },
      element("td", {}, phone.label || ""),
      element("td", {}, phone.maskedNumber),
      element("td", {}, phone.deliveryMethods.map((method) => t("pimHome.method." + method)).join(", ")))));
    $("no-passkeys").hidden = person.passkeys.length > 0;
    $("passkeys").hidden = person.passkeys.length === 0;
    $("passkeys").tBodies[0].replaceChildren(...person.passkeys.map((passkey) => element("tr", { "data-passkey-id": passkey.id },
      element("td", {}, passkey.label || ""),
      element("td", {}, passkey.createdAt ? new Date(passkey.createdAt).toLocaleDateString(person.locale) : ""),
      element("td", { class: "last-used" }, passkey.lastUsedAt
        ? new Date(passkey.lastUsedAt).toLocaleString(person.locale) : t("pimHome.passkeyNeverUsed")))));
    trustedBrowsers(person);
    $("account-console").setAttribute("href", realmPath + "/account/");
  }

  function trustedBrowsers(person) {
    const list = person.trustedBrowsers || [];
    const date = (millis) => new Date(millis).toLocaleDateString(person.locale);
    $("no-trusted-browsers").hidden = list.length > 0;
    $("trusted-browsers").hidden = list.length === 0;
    $("forget-all-browsers").hidden = list.length === 0;
    $("trusted-browsers").tBodies[0].replaceChildren(...list.map((browser) => {
      const name = t("pimHome.trustedBrowserName", browser.browser, browser.os);
      const forget = element("button", { type: "button", class: "forget-browser",
        "aria-label": t("pimHome.forgetBrowserNamed", name) }, t("pimHome.forgetBrowser"));
      forget.addEventListener("click", () => forgetBrowsers("api/trusted-browsers/" + encodeURIComponent(browser.id)));
      return element("tr", { "data-trusted-browser-id": browser.id },
        element("td", {}, name, ...(browser.current ? [" ", element("strong", {}, t("pimHome.thisBrowser"))] : [])),
        element("td", {}, date(browser.createdAt)),
        element("td", {}, new Date(browser.lastUsedAt).toLocaleString(person.locale)),
        element("td", {}, date(browser.expiresAt)),
        element("td", {}, forget));
    }));
  }

  async function forgetBrowsers(path) {
    const response = await fetch(home + path, { method: "DELETE", headers: { Authorization: "Bearer " + tokens.access_token,
      Accept: "application/json" } });
    if (!response.ok && response.status !== 404) {
      fail(t("pimHome.loadFailed", response.status));
      return;
    }
    try {
      await show(() => t("pimHome.browsersForgotten"));
    } catch (error) {
      fail(error.message);
    }
  }

  async function show(done) {
    const person = await me();
    if (person.locale && person.locale !== document.documentElement.lang) {
      await loadTexts(person.locale);
    }
    $("welcome").textContent = t("pimHome.welcome", person.name);
    header(person);
    // Below phone OTP the API names nothing but the person; the page says how to see the rest.
    $("below-phone-otp").textContent = person.raiseTo ? t("pimHome.belowPhoneOtp", strengthName(person.raiseTo)) : "";
    $("below-phone-otp").hidden = !person.raiseTo;
    if (!person.raiseTo) {
      applications(person);
      organizations(person);
      credentials(person);
    }
    ["applications-section", "organizations-section", "credentials-section"].forEach((id) => { $(id).hidden = !!person.raiseTo; });
    if (done) {
      say(done(person));
    }
  }

  // What to say after coming back from Keycloak with a kc_action or a raise.
  function outcome(saved, status) {
    if (saved.action && status && status !== "success") {
      return () => t("pimHome.actionCancelled");
    }
    if (saved.action === "phone-register") {
      return () => t("pimHome.phoneAdded");
    }
    if (saved.action === addPasskeyAction) {
      return () => t("pimHome.passkeysChanged");
    }
    if (saved.action === "UPDATE_PASSWORD") {
      return () => t("pimHome.passwordChanged");
    }
    if (saved.raise) {
      return (person) => t("pimHome.raised", strengthName(person.acr));
    }
    return null;
  }

  $("change-password").addEventListener("click", () => authorize({ action: "UPDATE_PASSWORD" }));
  $("add-phone").addEventListener("click", () => authorize({ action: "phone-register" }));
  $("add-passkey").addEventListener("click", () => authorize({ action: addPasskeyAction }));
  $("forget-all-browsers").addEventListener("click", () => forgetBrowsers("api/trusted-browsers"));

  (async () => {
    try {
      await loadTexts();
      const step = here.pathname.slice(home.length);
      const query = here.searchParams;
      if (step === "register") {
        await authorize({ endpoint: "registrations" });
        return;
      }
      if (!query.has("code") && !query.has("error")) {
        await authorize({ prompt: "none", silent: true });
        return;
      }
      const saved = JSON.parse(sessionStorage.getItem(pkceKey) || "null");
      sessionStorage.removeItem(pkceKey);
      window.history.replaceState(null, "", home);
      const answered = saved && saved.state === query.get("state");
      if (query.has("error")) {
        if (answered && saved.silent) {
          // No session, or one that needs the person first (a required action): sign in for real.
          await authorize({ acr: signInAcr });
          return;
        }
        fail(t("pimHome.signInFailed"));
        return;
      }
      if (!answered) {
        // A code this tab did not ask for (an invitation link's registration, an old tab): ask again, silently.
        await authorize({ prompt: "none", silent: true });
        return;
      }
      await redeem(query.get("code"), saved.verifier);
      await show(outcome(saved, query.get("kc_action_status")));
    } catch (error) {
      fail(error.message);
    }
  })();
})();
