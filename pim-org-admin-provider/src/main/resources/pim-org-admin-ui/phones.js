"use strict";
// The org-admin page's part for lost phones: each member's phone-OTP state, and the Reset phones button
// with its confirmation. app.js places both in the members table, makes the call and lends its texts (t).
window.PimPhones = (() => {
  const count = (t, phones) => (phones === 1 ? t("pimOrgAdmin.phoneCount.one") : t("pimOrgAdmin.phoneCount.many", phones));

  function state(member, t) {
    const phones = member.phoneOtp;
    const cell = document.createElement("span");
    cell.id = "phones-" + member.id;
    cell.className = "phones" + (phones.configured ? "" : " phones--none");
    if (phones.configured) {
      const added = new Date(phones.lastAddedAt * 1000).toLocaleDateString(document.documentElement.lang);
      cell.textContent = t("pimOrgAdmin.phonesState", count(t, phones.phones), phones.maskedLastDigits.join(", "), added);
    } else {
      cell.textContent = phones.resetPending ? t("pimOrgAdmin.phonesResetPending") : t("pimOrgAdmin.phonesNone");
    }
    return cell;
  }

  // No button for the admin themselves: the API refuses to reset one's own phones.
  function resetButton(member, name, self, reset, t) {
    if (self) {
      return "";
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "danger";
    button.id = "reset-phones-" + member.id;
    button.textContent = t("pimOrgAdmin.resetPhones");
    button.setAttribute("aria-label", t("pimOrgAdmin.resetPhones") + ": " + name);
    button.addEventListener("click", () => {
      const phones = member.phoneOtp.phones;
      if (window.confirm(phones > 0 ? t("pimOrgAdmin.resetConfirm", name, count(t, phones))
          : t("pimOrgAdmin.resetConfirmNoPhone", name))) {
        reset();
      }
    });
    return button;
  }

  return { state, resetButton };
})();
