// Reads the ID token's claims from mod_auth_openidc's info hook (same origin, the session's cookie) and shows
// who signed in, at which acr, and each organization of the pim-organization-roles claim with the roles there.
'use strict';
fetch('redirect_uri?info=json', {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
  .then(response => response.json())
  .then(info => {
    const claims = info.id_token || {};
    document.getElementById('person').textContent = claims.name || claims.preferred_username || claims.sub;
    document.getElementById('acr').textContent = claims.acr;
    const list = document.getElementById('organizations');
    const organizations = Object.entries(claims.organization || {});
    document.getElementById('no-organizations').hidden = organizations.length > 0;
    for (const [alias, organization] of organizations) {
      const item = document.createElement('li');
      item.dataset.organization = alias;
      const name = document.createElement('strong');
      name.className = 'name';
      name.textContent = organization.name || alias;
      const roles = document.createElement('span');
      roles.className = 'roles';
      roles.textContent = (organization.roles || []).join(', ') || 'no role yet';
      item.append(name, ': ', roles);
      list.append(item);
    }
  });
