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
  const strengths = { "phone-otp": "Phone OTP", "password": "Password" };
  const $ = (id) => document.getElementById(id);
  let tokens = null;
  let organization = null;
  let administered = [];
  let assignable = [];

  const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
  const claims = (jwt) => JSON.parse(new TextDecoder().decode(Uint8Array.from(
    atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))));

  async function signIn() {
    const verifier = random();
    const state = random();
    sessionStorage.setItem("pim.pkce", JSON.stringify({ verifier, state }));
    const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const query = new URLSearchParams({ client_id: clientId, response_type: "code", scope: "openid",
      redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: "S256" });
    window.location.assign(oidc + "/auth?" + query);
  }

  async function redeem(code, state) {
    const saved = JSON.parse(sessionStorage.getItem("pim.pkce") || "{}");
    sessionStorage.removeItem("pim.pkce");
    if (!saved.state || saved.state !== state) {
      throw new Error("The sign-in answer did not match this page. Reload to sign in again.");
    }
    const response = await fetch(oidc + "/token", { method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri,
        client_id: clientId, code_verifier: saved.verifier }) });
    if (!response.ok) {
      throw new Error("Signing in failed. Reload to try again.");
    }
    tokens = await response.json();
    window.history.replaceState(null, "", redirectUri);
  }

  async function call(method, path, body) {
    const headers = { Authorization: "Bearer " + tokens.access_token, Accept: "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) {
      tokens = null;
      await signIn();
      throw new Error("Your session ended; signing in again.");
    }
    const answer = response.status === 204 ? null : await response.json();
    if (!response.ok) {
      throw new Error(answer && answer.message ? answer.message : "The server answered " + response.status + ".");
    }
    return answer;
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
      boxes.append(element("label", { for: prefix + "-" + role }, box, " " + role));
    });
    return boxes;
  }

  const checked = (container) => Array.from(container.querySelectorAll("input[type=checkbox]:checked")).map((box) => box.value);

  function showWho() {
    const who = claims(tokens.access_token);
    const strength = strengths[who.acr] || who.acr || "unknown";
    const badge = element("span", { id: "strength", class: "strength" + (who.acr === "phone-otp" ? "" : " strength--weak"),
      title: "Credential strength of this session (acr " + who.acr + ")" }, strength);
    const signOut = element("a", { id: "sign-out", href: oidc + "/logout?" + new URLSearchParams({ client_id: clientId,
      post_logout_redirect_uri: redirectUri, id_token_hint: tokens.id_token }) }, "Sign out");
    $("who").replaceChildren(element("span", { id: "who-name" }, who.preferred_username), " \u00b7 ", badge, signOut);
  }

  // The organizations this person administers; with more than one, a switcher picks which one to manage.
  async function chooseOrganization() {
    administered = (await call("GET", "/organizations")).filter((org) => org.admin);
    if (administered.length === 0) {
      throw new Error("You are not an admin of any organization.");
    }
    const wanted = new URLSearchParams(window.location.hash.slice(1)).get("org");
    organization = administered.find((org) => org.id === wanted) || administered[0];
    const picker = $("org-switch");
    picker.replaceChildren(...administered.map((org) => {
      const option = element("option", { value: org.id }, org.name + (org.enabled ? "" : " (waiting for approval)"));
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
    $("org-name").textContent = organization.name;
    const path = "/organizations/" + encodeURIComponent(organization.id);
    const [members, invitations] = await Promise.all([call("GET", path + "/members?max=100"), call("GET", path + "/invitations?max=100")]);

    $("members").tBodies[0].replaceChildren(...members.map((member) => {
      const name = [member.firstName, member.lastName].filter(Boolean).join(" ") || member.username;
      const boxes = roleBoxes("role-" + member.id, member.roles);
      const save = element("button", { type: "button", id: "save-" + member.id }, "Save roles");
      save.addEventListener("click", () => act(async () => {
        const roles = await call("PUT", path + "/members/" + member.id + "/roles", { roles: checked(boxes) });
        return "Roles of " + name + " saved: " + (roles.roles.join(", ") || "none") + ".";
      }));
      const remove = element("button", { type: "button", class: "danger", id: "remove-" + member.id }, "Remove");
      remove.addEventListener("click", () => {
        if (window.confirm("Remove " + name + " from " + organization.name + "?")) {
          act(async () => {
            await call("DELETE", path + "/members/" + member.id);
            return name + " was removed from the organization.";
          });
        }
      });
      const resetPhones = PimPhones.resetButton(member, name, member.id === claims(tokens.access_token).sub, () => act(async () => {
        await call("POST", path + "/members/" + member.id + "/phone-reset");
        return "The phones of " + name + " were reset. They got an email with a link to register a new phone.";
      }));
      const self = member.id === claims(tokens.access_token).sub;
      const suspension = PimGovernance.button(member, name, self, organization, path, act, call);
      return element("tr", { "data-email": member.email || "" }, element("td", {}, name, PimGovernance.note(member)),
        element("td", {}, member.email || ""), element("td", {}, boxes), element("td", {}, PimPhones.state(member)),
        element("td", {}, save, remove, resetPhones, suspension));
    }));

    $("no-invitations").hidden = invitations.length > 0;
    $("invitations").hidden = invitations.length === 0;
    $("invitations").tBodies[0].replaceChildren(...invitations.map((invitation) => {
      const revoke = element("button", { type: "button", class: "danger", id: "revoke-" + invitation.id }, "Revoke");
      revoke.addEventListener("click", () => act(async () => {
        await call("DELETE", path + "/invitations/" + invitation.id);
        return "The invitation to " + invitation.email + " was revoked.";
      }));
      return element("tr", { "data-email": invitation.email }, element("td", {}, invitation.email),
        element("td", {}, invitation.roles.join(", ") || "none"),
        element("td", {}, new Date(invitation.expiresAt * 1000).toLocaleString()), element("td", {}, revoke));
    }));

    $("invite-roles").replaceChildren(...roleBoxes("invite-role", ["pim-viewer"]).childNodes);
    ["members-section", "invitations-section", "invite-section"].forEach((id) => { $(id).hidden = false; });
  }

  async function act(change) {
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
    ["members-section", "invitations-section", "invite-section"].forEach((id) => { $(id).hidden = true; });
    $("message").hidden = true;
    $("error").hidden = true;
    load().catch(fail);
  });

  $("invite-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    act(async () => {
      const email = form.email.value.trim();
      await call("POST", "/organizations/" + encodeURIComponent(organization.id) + "/invitations", { email,
        firstName: form.firstName.value, lastName: form.lastName.value, roles: checked($("invite-roles")) });
      form.reset();
      return "An invitation was sent to " + email + ".";
    });
  });

  (async () => {
    try {
      if (here.searchParams.has("code")) {
        await redeem(here.searchParams.get("code"), here.searchParams.get("state"));
      } else if (here.searchParams.has("error")) {
        // Never the URL's error_description: anyone can put text there and send the link around.
        window.history.replaceState(null, "", redirectUri);
        throw new Error("Signing in did not succeed. Reload the page to try again.");
      }
      if (!tokens) {
        await signIn();
        return;
      }
      showWho();
      PimGovernance.activity(api, call, () => tokens.access_token, () => organization, fail);
      await load();
    } catch (error) {
      fail(error);
    }
  })();
})();
