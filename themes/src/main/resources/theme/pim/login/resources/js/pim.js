"use strict";
// keycloak.v2's template.ftl shows the person's username read-only (input#kc-attempted-username) under a
// label whose for="username" names no input on the page, so the field has no accessible name (axe rule
// "label"). Point that label at the field it describes.
document.addEventListener("DOMContentLoaded", () => {
  const shown = document.getElementById("kc-attempted-username");
  const label = document.querySelector("label[for='username']");
  if (shown && label && !document.getElementById("username")) {
    label.htmlFor = shown.id;
  }
});
