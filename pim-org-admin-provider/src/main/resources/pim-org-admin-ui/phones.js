"use strict";
// The org-admin page's part for lost phones: each member's phone-OTP state, and the Reset phones button
// with its confirmation. app.js places both in the members table and makes the call.
window.PimPhones = (() => {
  const plural = (count) => count + (count === 1 ? " phone" : " phones");

  function state(member) {
    const phones = member.phoneOtp;
    const cell = document.createElement("span");
    cell.id = "phones-" + member.id;
    cell.className = "phones" + (phones.configured ? "" : " phones--none");
    if (phones.configured) {
      const added = new Date(phones.lastAddedAt * 1000).toLocaleDateString();
      cell.textContent = plural(phones.phones) + " (" + phones.maskedLastDigits.join(", ") + "), last added " + added;
    } else {
      cell.textContent = phones.resetPending ? "Reset: waiting for a new phone from the emailed link" : "Not set up";
    }
    return cell;
  }

  // No button for the admin themselves: the API refuses to reset one's own phones.
  function resetButton(member, name, self, reset) {
    if (self) {
      return "";
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "danger";
    button.id = "reset-phones-" + member.id;
    button.textContent = "Reset phones";
    button.addEventListener("click", () => {
      const phones = member.phoneOtp.phones;
      if (window.confirm("Reset the phones of " + name + "? " + (phones > 0 ? "Their " + plural(phones) + " will be deleted"
          : "They have no phone now") + " and they will be signed out everywhere. They get an email with a link to register "
          + "a new phone; their password alone will not do.")) {
        reset();
      }
    });
    return button;
  }

  return { state, resetButton };
})();
