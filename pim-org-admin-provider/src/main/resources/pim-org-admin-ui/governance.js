"use strict";
// The org-admin page's governance part: Suspend and Reactivate with a reason dialog, and the Activity tab
// (the trail filtered by date and action, and Download CSV). app.js places the buttons in the members
// table and hands over its API call. Texts in English, German and French, by the browser's language.
window.PimGovernance = (() => {
  const TEXTS = {
    en: {
      tabMembers: "Members", tabActivity: "Activity", suspend: "Suspend", reactivate: "Reactivate",
      suspendTitle: "Suspend {0}", reactivateTitle: "Reactivate {0}",
      suspendHelp: "{0} keeps their membership and roles on record but holds none of them in {1}, and is signed out everywhere now.",
      reactivateHelp: "{0} gets their roles in {1} back with their next sign-in.",
      reason: "Reason", reasonOptional: "Reason (optional)", reasonHint: "Plain text, up to 500 characters. It goes into the activity trail.",
      confirmSuspend: "Suspend", confirmReactivate: "Reactivate", cancel: "Cancel", reasonMissing: "Give a reason.",
      suspended: "Suspended since {0} by {1}: {2}", suspendedDone: "{0} was suspended.", reactivatedDone: "{0} was reactivated.",
      from: "From", to: "To", action: "Action", allActions: "All actions", show: "Show", download: "Download CSV",
      time: "Time", actor: "By", target: "Member", roles: "Roles", reasonColumn: "Reason", none: "No activity in this period.",
      realmAdmin: "{0} (realm admin)", activityHeading: "Activity", filters: "Filter the activity",
      actions: {
        first_admin: "First admin", member_joined: "Joined", member_invited: "Invited", invitation_revoked: "Invitation revoked",
        invitation_accepted: "Invitation accepted", roles_changed: "Roles changed", member_removed: "Removed",
        phone_reset: "Phones reset", member_suspended: "Suspended", member_reactivated: "Reactivated"
      }
    },
    de: {
      tabMembers: "Mitglieder", tabActivity: "Aktivität", suspend: "Sperren", reactivate: "Entsperren",
      suspendTitle: "{0} sperren", reactivateTitle: "{0} entsperren",
      suspendHelp: "{0} bleibt Mitglied, die Rollen bleiben vermerkt, gelten in {1} aber nicht mehr; alle Sitzungen enden sofort.",
      reactivateHelp: "{0} erhält die Rollen in {1} bei der nächsten Anmeldung zurück.",
      reason: "Grund", reasonOptional: "Grund (optional)", reasonHint: "Reiner Text, höchstens 500 Zeichen. Er erscheint im Aktivitätsprotokoll.",
      confirmSuspend: "Sperren", confirmReactivate: "Entsperren", cancel: "Abbrechen", reasonMissing: "Geben Sie einen Grund an.",
      suspended: "Gesperrt seit {0} von {1}: {2}", suspendedDone: "{0} wurde gesperrt.", reactivatedDone: "{0} wurde entsperrt.",
      from: "Von", to: "Bis", action: "Aktion", allActions: "Alle Aktionen", show: "Anzeigen", download: "CSV herunterladen",
      time: "Zeit", actor: "Durch", target: "Mitglied", roles: "Rollen", reasonColumn: "Grund", none: "Keine Aktivität in diesem Zeitraum.",
      realmAdmin: "{0} (Realm-Administration)", activityHeading: "Aktivität", filters: "Aktivität filtern",
      actions: {
        first_admin: "Erste Administration", member_joined: "Beigetreten", member_invited: "Eingeladen",
        invitation_revoked: "Einladung zurückgezogen", invitation_accepted: "Einladung angenommen", roles_changed: "Rollen geändert",
        member_removed: "Entfernt", phone_reset: "Telefone zurückgesetzt", member_suspended: "Gesperrt", member_reactivated: "Entsperrt"
      }
    },
    fr: {
      tabMembers: "Membres", tabActivity: "Activité", suspend: "Suspendre", reactivate: "Réactiver",
      suspendTitle: "Suspendre {0}", reactivateTitle: "Réactiver {0}",
      suspendHelp: "{0} reste membre et ses rôles restent enregistrés, mais ne valent plus dans {1} ; toutes ses sessions se terminent maintenant.",
      reactivateHelp: "{0} retrouve ses rôles dans {1} à sa prochaine connexion.",
      reason: "Motif", reasonOptional: "Motif (facultatif)", reasonHint: "Texte simple, 500 caractères au plus. Il figure dans le journal d'activité.",
      confirmSuspend: "Suspendre", confirmReactivate: "Réactiver", cancel: "Annuler", reasonMissing: "Indiquez un motif.",
      suspended: "Suspendu depuis le {0} par {1} : {2}", suspendedDone: "{0} a été suspendu.", reactivatedDone: "{0} a été réactivé.",
      from: "Du", to: "Au", action: "Action", allActions: "Toutes les actions", show: "Afficher", download: "Télécharger le CSV",
      time: "Date", actor: "Par", target: "Membre", roles: "Rôles", reasonColumn: "Motif", none: "Aucune activité sur cette période.",
      realmAdmin: "{0} (administrateur du realm)", activityHeading: "Activité", filters: "Filtrer l'activité",
      actions: {
        first_admin: "Premier administrateur", member_joined: "Arrivée", member_invited: "Invitation", invitation_revoked: "Invitation révoquée",
        invitation_accepted: "Invitation acceptée", roles_changed: "Rôles modifiés", member_removed: "Retrait",
        phone_reset: "Téléphones réinitialisés", member_suspended: "Suspension", member_reactivated: "Réactivation"
      }
    }
  };
  const language = (navigator.language || "en").slice(0, 2).toLowerCase();
  const texts = TEXTS[language] || TEXTS.en;
  const t = (key, ...values) => texts[key].replace(/\{(\d)\}/g, (whole, index) => (values[index] === undefined ? whole : values[index]));
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
      ...Object.entries(texts.actions).map(([code, label]) => element("option", { value: code }, label)));
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

  const person = (who) => (who && (who.name || who.username || who.email || who.id)) || "";

  // The trail of the chosen period, filtered by action here (the API pages by time).
  async function showActivity(path, call) {
    const wanted = $("activity-action").value;
    const trail = (await call("GET", path + "/activity?" + query())).filter((entry) => !wanted || entry.action === wanted);
    $("activity-none").hidden = trail.length > 0;
    $("activity").hidden = trail.length === 0;
    $("activity").tBodies[0].replaceChildren(...trail.map((entry) => element("tr", { "data-action": entry.action },
      element("td", {}, new Date(entry.time).toLocaleString()),
      element("td", {}, entry.actor.realmAdmin ? t("realmAdmin", person(entry.actor)) : person(entry.actor)),
      element("td", {}, texts.actions[entry.action] || entry.action),
      element("td", {}, person(entry.target) + (entry.target.email ? " <" + entry.target.email + ">" : "")),
      element("td", {}, roleChange(entry.roles)),
      element("td", {}, entry.reason || ""))));
  }

  // The CSV needs the bearer token, so it is fetched and handed to the browser as a file.
  async function download(api, path, token, alias) {
    const response = await fetch(api + path + "/activity.csv?" + query(), { headers: { Authorization: "Bearer " + token() } });
    if (!response.ok) {
      throw new Error("The server answered " + response.status + ".");
    }
    const url = URL.createObjectURL(await response.blob());
    const link = element("a", { href: url, download: "activity-" + alias + ".csv" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // Wires the Activity tab once; organization() and fail() come from app.js.
  function activity(api, call, token, organization, fail) {
    labelFilters();
    const path = () => "/organizations/" + encodeURIComponent(organization().id);
    const show = () => showActivity(path(), call).catch(fail);
    tabs(show);
    $("activity-filters").addEventListener("submit", (event) => {
      event.preventDefault();
      show();
    });
    $("activity-download").addEventListener("click", () => download(api, path(), token, organization().alias).catch(fail));
  }

  return { note, button, activity };
})();
