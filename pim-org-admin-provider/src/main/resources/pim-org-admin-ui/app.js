"use strict";
// The org-admin page: signs in through client pim-org-admin-ui (authorization code with PKCE, which
// demands acr=phone-otp) and calls the org-admin REST API next to it. No library, no CDN, no inline
// script (the page is served with a strict Content-Security-Policy). Tokens live in this script's
// memory only: a reload signs in again, silently while the Keycloak session lasts. Only the PKCE
// verifier and state cross the sign-in redirect, in session storage, and are removed on return.
(() => {
  const here = new URL(window.location.href);
  const api = here.pathname.replace(/\/ui\/.*$/, "");
  const oidc = api.replace(/\/pim-org-admin$/, "") + "/protocol/openid-connect";
  const clientId = "pim-org-admin-ui";
  const redirectUri = here.origin + api + "/ui/";
  const $ = (id) => document.getElementById(id);
  let texts = {};
  let tokens = null;
  let organization = null;
  let administered = [];
  let assignable = [];

  const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
  const claims = (jwt) => JSON.parse(new TextDecoder().decode(Uint8Array.from(
    atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))));

  function t(key, ...values) {
    const text = texts[key] === undefined ? key : texts[key];
    return text.replace(/\{(\d)\}/g, (whole, index) => (values[index] === undefined ? whole : values[index]));
  }

  PimGovernance.useTexts(t);

  const roleName = (role) => (texts["role." + role] === undefined ? role : texts["role." + role]);
  const roleNames = (roles) => roles.map(roleName).join(", ") || t("pimOrgAdmin.noRoles");

  // The page's texts in this language (else the browser's, else English), with the assignable roles' names.
  async function loadTexts(locale) {
    const response = await fetch(api + "/ui/messages" + (locale ? "?locale=" + encodeURIComponent(locale) : ""),
      { headers: { Accept: "application/json" } });
    if (response.ok) {
      const answer = await response.json();
      texts = answer.messages;
      document.documentElement.lang = answer.locale;
      document.title = t("pimOrgAdmin.title") + " - " + t("pimOrgAdmin.product");
      document.querySelectorAll("[data-text]").forEach((node) => { node.textContent = t(node.dataset.text); });
    }
  }

  async function signIn() {
    const verifier = random();
    const state = random();
    sessionStorage.setItem("pim.pkce", JSON.stringify({ verifier, state }));
    const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const query = new URLSearchParams({ client_id: clientId, response_type: "code", scope: "openid",
      redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: "S256",
      ui_locales: document.documentElement.lang });
    window.location.assign(oidc + "/auth?" + query);
  }

  async function redeem(code, state) {
    const saved = JSON.parse(sessionStorage.getItem("pim.pkce") || "{}");
    sessionStorage.removeItem("pim.pkce");
    if (!saved.state || saved.state !== state) {
      throw new Error(t("pimOrgAdmin.signInMismatch"));
    }
    const response = await fetch(oidc + "/token", { method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri,
        client_id: clientId, code_verifier: saved.verifier }) });
    if (!response.ok) {
      throw new Error(t("pimOrgAdmin.signInFailed"));
    }
    tokens = await response.json();
    window.history.replaceState(null, "", redirectUri);
  }

  // A wait the API gives in seconds (Retry-After), in the page's language: minutes, hours past 90 minutes.
  function wait(seconds) {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    const [amount, unit] = minutes > 90 ? [Math.ceil(minutes / 60), "hour"] : [minutes, "minute"];
    return new Intl.NumberFormat(document.documentElement.lang, { style: "unit", unit, unitDisplay: "long" }).format(amount);
  }

  // What went wrong, in the page's language: the API's message is English for API clients, so the page
  // words each error code itself and shows the message only for a code it has no text for.
  async function problem(response) {
    const answer = (await response.json().catch(() => null)) || {};
    const key = "pimOrgAdmin.error." + answer.error;
    if (texts[key] !== undefined) {
      const retryAfter = response.headers.get("Retry-After");
      return t(key, retryAfter === null ? undefined : wait(Number(retryAfter)));
    }
    return answer.message || t("pimOrgAdmin.serverAnswered", response.status);
  }

  // The API's answer when it succeeded; otherwise an Error with the page's words for it.
  async function send(method, path, body, accept) {
    const headers = { Authorization: "Bearer " + tokens.access_token, Accept: accept };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) {
      tokens = null;
      await signIn();
      throw new Error(t("pimOrgAdmin.sessionEnded"));
    }
    if (!response.ok) {
      throw new Error(await problem(response));
    }
    return response;
  }

  async function call(method, path, body) {
    const response = await send(method, path, body, "application/json");
    return response.status === 204 ? null : response.json();
  }

  function say(text) {
    $("error").hidden = true;
    $("message").textContent = text;
    $("message").hidden = false;
  }

  function fail(error) {
    $("message").hidden = true;
    $("error").textContent = error.message;
    $("error").hidden = false;
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.forEach((child) => node.append(child));
    return node;
  }

  function roleBoxes(prefix, chosen) {
    const boxes = element("div", { class: "roles" });
    assignable.forEach((role) => {
      const box = element("input", { type: "checkbox", id: prefix + "-" + role, value: role });
      box.checked = chosen.includes(role);
      boxes.append(element("label", { for: prefix + "-" + role }, box, " " + roleName(role)));
    });
    return boxes;
  }

  const checked = (container) => Array.from(container.querySelectorAll("input[type=checkbox]:checked")).map((box) => box.value);

  function showWho() {
    const who = claims(tokens.access_token);
    const strength = texts["pimOrgAdmin.strength." + who.acr] === undefined ? who.acr || t("pimOrgAdmin.strength.none")
      : t("pimOrgAdmin.strength." + who.acr);
    const badge = element("span", { id: "strength", class: "strength" + (who.acr === "phone-otp" || who.acr === "passkey" ? "" : " strength--weak"),
      title: t("pimOrgAdmin.strength") }, strength);
    const signOut = element("a", { id: "sign-out", href: oidc + "/logout?" + new URLSearchParams({ client_id: clientId,
      post_logout_redirect_uri: redirectUri, id_token_hint: tokens.id_token }) }, t("pimOrgAdmin.signOut"));
    // The person's name, as home shows it; the username only when the account has no name.
    const name = claims(tokens.id_token).name || who.preferred_username;
    $("who").replaceChildren(element("span", { id: "who-name" }, name), " \u00b7 ",
      element("span", { class: "visually-hidden" }, t("pimOrgAdmin.strength") + ":"), badge, signOut);
  }

  // The organizations this person administers; with more than one, a switcher picks which one to manage.
  async function chooseOrganization() {
    administered = (await call("GET", "/organizations")).filter((org) => org.admin);
    if (administered.length === 0) {
      throw new Error(t("pimOrgAdmin.notAdmin"));
    }
    const wanted = new URLSearchParams(window.location.hash.slice(1)).get("org");
    organization = administered.find((org) => org.id === wanted) || administered[0];
    const picker = $("org-switch");
    picker.replaceChildren(...administered.map((org) => {
      const option = element("option", { value: org.id }, org.enabled ? org.name : t("pimOrgAdmin.pending", org.name));
      option.selected = org.id === organization.id;
      return option;
    }));
    $("org-switch-field").hidden = administered.length < 2;
  }

  async function load() {
    if (!organization) {
      await chooseOrganization();
    }
    assignable = await call("GET", "/roles");
    const path = "/organizations/" + encodeURIComponent(organization.id);
    const [members, invitations, policy] = await Promise.all([call("GET", path + "/members?max=100"),
      call("GET", path + "/invitations?max=100"), call("GET", path + "/sign-in-policy")]);
    showPolicy(policy, members);

    $("members").tBodies[0].replaceChildren(...members.map((member) => {
      const name = [member.firstName, member.lastName].filter(Boolean).join(" ") || member.username;
      const boxes = roleBoxes("role-" + member.id, member.roles);
      const save = element("button", { type: "button", id: "save-" + member.id,
        "aria-label": t("pimOrgAdmin.saveRoles") + ": " + name }, t("pimOrgAdmin.saveRoles"));
      save.addEventListener("click", () => act(async () => {
        const roles = await call("PUT", path + "/members/" + member.id + "/roles", { roles: checked(boxes) });
        return t("pimOrgAdmin.rolesSaved", name, roleNames(roles.roles));
      }));
      const remove = element("button", { type: "button", class: "danger", id: "remove-" + member.id,
        "aria-label": t("pimOrgAdmin.remove") + ": " + name }, t("pimOrgAdmin.remove"));
      remove.addEventListener("click", () => {
        if (window.confirm(t("pimOrgAdmin.removeConfirm", name, organization.name))) {
          act(async () => {
            await call("DELETE", path + "/members/" + member.id);
            return t("pimOrgAdmin.removed", name);
          });
        }
      });
      const resetPhones = PimPhones.resetButton(member, name, member.id === claims(tokens.access_token).sub, () => act(async () => {
        await call("POST", path + "/members/" + member.id + "/phone-reset");
        return t("pimOrgAdmin.phonesReset", name);
      }), t);
      const self = member.id === claims(tokens.access_token).sub;
      const suspension = PimGovernance.button(member, name, self, organization, path, act, call);
      const removePasskeys = passkeyButton(member, name, self);
      return element("tr", { "data-email": member.email || "" }, element("td", {}, name, PimGovernance.note(member)),
        element("td", {}, member.email || ""), element("td", {}, boxes), element("td", {}, PimPhones.state(member, t)),
        element("td", { class: "passkey" }, t(member.passkey ? "pimOrgAdmin.passkeyYes" : "pimOrgAdmin.passkeyNo")),
        element("td", {}, save, remove, resetPhones, removePasskeys, suspension));
    }));

    // Remove passkeys: for a member who has one, not for oneself (the API refuses both the same way).
    function passkeyButton(member, name, self) {
      if (self || !member.passkey) {
        return "";
      }
      const button = element("button", { type: "button", class: "danger", id: "remove-passkeys-" + member.id,
        "aria-label": t("pimOrgAdmin.removePasskeys") + ": " + name }, t("pimOrgAdmin.removePasskeys"));
      button.addEventListener("click", () => {
        if (window.confirm(t("pimOrgAdmin.removePasskeysConfirm", name))) {
          act(async () => {
            await call("POST", path + "/members/" + member.id + "/passkey-reset");
            return t("pimOrgAdmin.passkeysRemoved", name);
          });
        }
      });
      return button;
    }

    $("no-invitations").hidden = invitations.length > 0;
    $("invitations").hidden = invitations.length === 0;
    $("invitations").tBodies[0].replaceChildren(...invitations.map((invitation) => {
      const revoke = element("button", { type: "button", class: "danger", id: "revoke-" + invitation.id,
        "aria-label": t("pimOrgAdmin.revoke") + ": " + invitation.email }, t("pimOrgAdmin.revoke"));
      revoke.addEventListener("click", () => act(async () => {
        await call("DELETE", path + "/invitations/" + invitation.id);
        return t("pimOrgAdmin.revoked", invitation.email);
      }));
      return element("tr", { "data-email": invitation.email }, element("td", {}, invitation.email),
        element("td", {}, roleNames(invitation.roles)),
        element("td", {}, new Date(invitation.expiresAt * 1000).toLocaleString(document.documentElement.lang)),
        element("td", {}, revoke));
    }));

    $("invite-roles").replaceChildren(...roleBoxes("invite-role", ["pim-viewer"]).childNodes);
    // The name comes last, with everything else in the same task: once it shows, the organization's
    // members and invitations show too (pages and tests wait for the name).
    $("org-name").textContent = organization.name;
    ["sign-in-policy", "members-section", "invitations-section", "invite-section"].forEach((id) => { $(id).hidden = false; });
  }

  // The sign-in policy's form, and who among the members listed has no passkey yet (the admin can follow up
  // before switching to Passkey).
  function showPolicy(policy, members) {
    $("policy-level").value = policy.level;
    $("policy-days").value = policy.trustedBrowserDays;
    $("policy-days").max = policy.maxTrustedBrowserDays;
    $("policy-days-hint").textContent = t("pimOrgAdmin.policy.daysHint", policy.maxTrustedBrowserDays);
    const without = members.filter((member) => !member.passkey);
    $("policy-without-passkey").replaceChildren(...without.map((member) => element("li", { "data-id": member.id },
      ([member.firstName, member.lastName].filter(Boolean).join(" ") || member.username)
        + (member.email ? " <" + member.email + ">" : ""))));
    $("policy-without-passkey").hidden = without.length === 0;
    $("policy-everyone-has-passkey").hidden = without.length > 0;
  }

  // The last outcome goes when a new change starts, so that the same words twice announce two outcomes.
  async function act(change) {
    $("message").hidden = true;
    $("error").hidden = true;
    try {
      const done = await change();
      await load();
      say(done);
    } catch (error) {
      fail(error);
    }
  }

  $("org-switch").addEventListener("change", (event) => {
    organization = administered.find((org) => org.id === event.target.value);
    window.history.replaceState(null, "", "#" + new URLSearchParams({ org: organization.id }));
    ["sign-in-policy", "members-section", "invitations-section", "invite-section"].forEach((id) => { $(id).hidden = true; });
    $("message").hidden = true;
    $("error").hidden = true;
    load().catch(fail);
  });

  $("policy-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(async () => {
      await call("PUT", "/organizations/" + encodeURIComponent(organization.id) + "/sign-in-policy", {
        level: $("policy-level").value,
        trustedBrowserDays: $("policy-days").value === "" ? undefined : Number($("policy-days").value) });
      return t("pimOrgAdmin.policy.saved");
    });
  });

  $("invite-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    act(async () => {
      const email = form.email.value.trim();
      await call("POST", "/organizations/" + encodeURIComponent(organization.id) + "/invitations", { email,
        firstName: form.firstName.value, lastName: form.lastName.value, roles: checked($("invite-roles")) });
      form.reset();
      return t("pimOrgAdmin.invited", email);
    });
  });

  (async () => {
    try {
      await loadTexts(null);
      if (here.searchParams.has("code")) {
        await redeem(here.searchParams.get("code"), here.searchParams.get("state"));
      } else if (here.searchParams.has("error")) {
        // Never the URL's error_description: anyone can put text there and send the link around.
        window.history.replaceState(null, "", redirectUri);
        throw new Error(t("pimOrgAdmin.signInNotDone"));
      }
      if (!tokens) {
        await signIn();
        return;
      }
      const locale = claims(tokens.id_token).locale;
      if (locale && locale !== document.documentElement.lang) {
        await loadTexts(locale);
      }
      showWho();
      PimGovernance.activity(call, send, () => organization, fail);
      await load();
    } catch (error) {
      fail(error);
    }
  })();
})();
