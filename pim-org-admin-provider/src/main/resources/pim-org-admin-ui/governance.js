"use strict";
// The org-admin page's governance part: Suspend and Reactivate with a reason dialog, and the Activity tab
// (the trail filtered by date and action, and Download CSV). app.js places the buttons in the members
// table and hands over its API call and its texts (the page's bundle, keys pimOrgAdmin.governance.* and
// pimOrgAdmin.action.*, in the page's language).
window.PimGovernance = (() => {
  const ACTIONS = ["first_admin", "member_joined", "member_invited", "invitation_revoked", "invitation_accepted",
    "roles_changed", "member_removed", "phone_reset", "passkey_reset", "member_suspended", "member_reactivated",
    "sign_in_policy_changed"];
  let translate = (key) => key;
  const t = (key, ...values) => translate("pimOrgAdmin.governance." + key, ...values);
  const actionName = (code) => {
    const key = "pimOrgAdmin.action." + code;
    const name = translate(key);
    return name === key ? code : name;
  };
  const $ = (id) => document.getElementById(id);

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.forEach((child) => node.append(child));
    return node;
  }

  // One modal dialog, labelled by its title and described by its help text. showModal() keeps focus inside
  // and Escape cancels; focus goes to the reason field on opening and back to the button that opened it.
  function askReason(title, help, label, required, confirm) {
    return new Promise((resolve) => {
      const dialog = $("reason-dialog");
      const field = $("reason-input");
      const opener = document.activeElement;
      $("reason-title").textContent = title;
      $("reason-help").textContent = help;
      $("reason-label").textContent = label;
      $("reason-hint").textContent = t("reasonHint");
      $("reason-error").hidden = true;
      $("reason-confirm").textContent = confirm;
      $("reason-cancel").textContent = t("cancel");
      field.value = "";
      field.required = required;
      field.removeAttribute("aria-invalid");
      const form = $("reason-form");
      const close = (value) => {
        form.onsubmit = null;
        $("reason-cancel").onclick = null;
        dialog.onclose = null;
        dialog.close();
        if (opener && opener.isConnected) {
          opener.focus();
        }
        resolve(value);
      };
      form.onsubmit = (event) => {
        event.preventDefault();
        const reason = field.value.trim();
        if (required && !reason) {
          $("reason-error").textContent = t("reasonMissing");
          $("reason-error").hidden = false;
          field.setAttribute("aria-invalid", "true");
          field.focus();
          return;
        }
        close({ reason });
      };
      $("reason-cancel").onclick = () => close(null);
      dialog.onclose = () => close(null);
      dialog.showModal();
      field.focus();
    });
  }

  // The member's suspension, under their name; empty for an active member.
  function note(member) {
    if (!member.suspended) {
      return "";
    }
    const s = member.suspended;
    return element("p", { class: "suspended", id: "suspended-" + member.id },
      t("suspended", new Date(s.since).toLocaleDateString(), s.by.name || s.by.username, s.reason));
  }

  // Suspend or Reactivate; none on the admin's own row, since nobody suspends themselves.
  function button(member, name, self, organization, path, act, call) {
    if (self) {
      return "";
    }
    const suspended = Boolean(member.suspended);
    const control = element("button", { type: "button", class: suspended ? "" : "danger",
      id: (suspended ? "reactivate-" : "suspend-") + member.id }, t(suspended ? "reactivate" : "suspend"));
    control.addEventListener("click", async () => {
      const answer = suspended
        ? await askReason(t("reactivateTitle", name), t("reactivateHelp", name, organization.name), t("reasonOptional"), false,
          t("confirmReactivate"))
        : await askReason(t("suspendTitle", name), t("suspendHelp", name, organization.name), t("reason"), true, t("confirmSuspend"));
      if (!answer) {
        return;
      }
      act(async () => {
        const target = path + "/members/" + member.id + "/suspension";
        if (suspended) {
          await call("DELETE", target, answer.reason ? { reason: answer.reason } : undefined);
          return t("reactivatedDone", name);
        }
        await call("POST", target, { reason: answer.reason });
        return t("suspendedDone", name);
      });
    });
    return control;
  }

  // The Members / Activity tabs (WAI-ARIA tabs: arrow keys move between them).
  function tabs(onActivity) {
    const all = [$("tab-members"), $("tab-activity")];
    $("tab-members").textContent = t("tabMembers");
    $("tab-activity").textContent = t("tabActivity");
    const select = (tab) => {
      all.forEach((each) => {
        const chosen = each === tab;
        each.setAttribute("aria-selected", String(chosen));
        each.tabIndex = chosen ? 0 : -1;
        $(each.getAttribute("aria-controls")).hidden = !chosen;
      });
      if (tab.id === "tab-activity") {
        onActivity();
      }
    };
    all.forEach((tab, index) => {
      tab.addEventListener("click", () => select(tab));
      tab.addEventListener("keydown", (event) => {
        if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
          const next = all[(index + (event.key === "ArrowRight" ? 1 : all.length - 1)) % all.length];
          next.focus();
          select(next);
        }
      });
    });
    $("tabs").hidden = false;
  }

  function labelFilters() {
    $("activity-heading").textContent = t("activityHeading");
    $("activity-filters").setAttribute("aria-label", t("filters"));
    $("activity-from-label").textContent = t("from");
    $("activity-to-label").textContent = t("to");
    $("activity-action-label").textContent = t("action");
    $("activity-show").textContent = t("show");
    $("activity-download").textContent = t("download");
    $("activity-none").textContent = t("none");
    ["time", "actor", "action", "target", "roles", "reasonColumn"].forEach((key) => { $("activity-col-" + key).textContent = t(key); });
    const picker = $("activity-action");
    picker.replaceChildren(element("option", { value: "" }, t("allActions")),
      ...ACTIONS.map((code) => element("option", { value: code }, actionName(code))));
  }

  function query() {
    const parameters = new URLSearchParams({ max: "1000" });
    if ($("activity-from").value) {
      parameters.set("from", $("activity-from").value);
    }
    if ($("activity-to").value) {
      parameters.set("to", $("activity-to").value);
    }
    return parameters.toString();
  }

  const roleChange = (roles) => (roles.before.length + roles.after.length === 0 ? ""
    : (roles.before.join(", ") || "\u2013") + " \u2192 " + (roles.after.join(", ") || "\u2013"));

  // A sign-in policy change in the same column: level and trusted-browser days, before and after.
  const policy = (side) => translate("pimOrgAdmin.strength." + side.level) + ", "
    + translate("pimOrgAdmin.policy.daysShort", side.trustedBrowserDays);
  const change = (entry) => (entry.policy ? policy(entry.policy.before) + " \u2192 " + policy(entry.policy.after)
    : roleChange(entry.roles));

  const person = (who) => (who && (who.name || who.username || who.email || who.id)) || "";

  // The trail of the chosen period, filtered by action here (the API pages by time).
  async function showActivity(path, call) {
    const wanted = $("activity-action").value;
    const trail = (await call("GET", path + "/activity?" + query())).filter((entry) => !wanted || entry.action === wanted);
    $("activity-none").hidden = trail.length > 0;
    $("activity").hidden = trail.length === 0;
    $("activity").tBodies[0].replaceChildren(...trail.map((entry) => element("tr", { "data-action": entry.action },
      element("td", {}, new Date(entry.time).toLocaleString()),
      element("td", {}, entry.actor.realmAdmin ? t("realmAdmin") : person(entry.actor)),
      element("td", {}, actionName(entry.action)),
      element("td", {}, person(entry.target) + (entry.target.email ? " <" + entry.target.email + ">" : "")),
      element("td", {}, change(entry)),
      element("td", {}, entry.reason || ""))));
  }

  // The CSV needs the bearer token, so it is fetched and handed to the browser as a file.
  async function download(send, path, alias) {
    const response = await send("GET", path + "/activity.csv?" + query(), undefined, "text/csv");
    const url = URL.createObjectURL(await response.blob());
    const link = element("a", { href: url, download: "activity-" + alias + ".csv" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // Wires the Activity tab once; call() (JSON), send() (any answer), organization() and fail() come from app.js.
  function activity(call, send, organization, fail) {
    labelFilters();
    const path = () => "/organizations/" + encodeURIComponent(organization().id);
    const show = () => showActivity(path(), call).catch(fail);
    tabs(show);
    $("activity-filters").addEventListener("submit", (event) => {
      event.preventDefault();
      show();
    });
    $("activity-download").addEventListener("click", () => download(send, path(), organization().alias).catch(fail));
  }

  // The page's translate function (key, ...values), which reads the texts of the page's language.
  function useTexts(pageTranslate) {
    translate = pageTranslate;
  }

  return { note, button, activity, useTexts };
})();
