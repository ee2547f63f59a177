package org.pimaccess.keycloak.organization.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.organization.OrgSettings;
import org.pimaccess.keycloak.organization.Suspensions;

/**
 * Protocol mapper {@code pim-organization-roles}: the person's organizations with their application
 * roles in each, so that a relying party always knows which organization a role belongs to:
 *
 * <pre>"organization": {"acme": {"id": "…", "name": "Acme Corp", "roles": ["pim-editor", "pim-org-admin"]},
 *                  "globex": {"id": "…", "name": "Globex", "roles": ["pim-viewer"]}}</pre>
 *
 * <p>Keyed by alias, like Keycloak's own {@code organization} claim in its JSON form, with the roles the
 * person holds there (groups {@code pim-organizations/<alias>/<role>}, roles of the client named by
 * {@link OrgSettings}). A disabled organization (for example one waiting for approval) is left out, so
 * it grants nothing; enabling it puts it in the next token. So is an organization that suspended the
 * person ({@link Suspensions}): left out rather than marked, so that a relying party that checks only
 * whether the organization is there fails closed, and learns nothing about the suspension. Realm client scope
 * {@code pim-organization-roles} carries this mapper; it replaces Keycloak's {@code organization} scope
 * on the clients that get it (both write the claim {@code organization}).
 */
public class OrganizationRolesMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "pim-organization-roles";
    static final String DEFAULT_CLAIM = "organization";
    /** The session attribute (per request) that holds a person's claim value, followed by their id. */
    private static final String REQUEST_ATTRIBUTE = PROVIDER_ID + ":";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(CONFIG);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, OrganizationRolesMapper.class);
    }

    private OrgSettings settings = new OrgSettings(OrgSettings.DEFAULT_CLIENT_ID);

    @Override
    public void init(Config.Scope config) {
        settings = OrgSettings.read();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "PIM: organizations with their roles";
    }

    @Override
    public String getHelpText() {
        return "Adds the user's enabled organizations, keyed by alias, each with its id, its name and the application roles "
                + "the user holds in it (roles of client " + settings.clientId() + "). Use it instead of the "
                + "organization client scope, with the claim name organization.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel model, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (!KeycloakOrganizations.enabled(session)) {
            return;
        }
        Map<String, Object> organizations = organizationsOf(session, userSession.getUser());
        if (organizations.isEmpty()) {
            return;
        }
        OIDCAttributeMapperHelper.mapClaim(token, withClaimName(model), organizations);
    }

    /** The mapper as configured, or a copy naming the default claim when its configuration names none. */
    private static ProtocolMapperModel withClaimName(ProtocolMapperModel model) {
        if (model.getConfig().get(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME) != null) {
            return model;
        }
        Map<String, String> config = new LinkedHashMap<>(model.getConfig());
        config.put(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, DEFAULT_CLAIM);
        ProtocolMapperModel effective = new ProtocolMapperModel();
        effective.setName(model.getName());
        effective.setConfig(config);
        return effective;
    }

    /**
     * The claim's value, read once per request and person (one code exchange writes it into the access
     * token and the ID token, and each would otherwise read the organizations and suspensions again), and
     * given to each token as its own copy, as another mapper may add to a claim it finds.
     */
    private Map<String, Object> organizationsOf(KeycloakSession session, UserModel user) {
        String key = REQUEST_ATTRIBUTE + user.getId();
        Organizations read = session.getAttribute(key, Organizations.class);
        if (read == null) {
            read = readOrganizations(session, user);
            session.setAttribute(key, read);
        }
        Map<String, Object> organizations = new LinkedHashMap<>();
        read.byAlias().forEach((alias, entry) -> organizations.put(alias, new LinkedHashMap<>(entry)));
        return organizations;
    }

    private Organizations readOrganizations(KeycloakSession session, UserModel user) {
        List<OrganizationModel> enabled = session.getProvider(OrganizationProvider.class).getByMember(user)
                .filter(OrganizationModel::isEnabled)
                .sorted((a, b) -> a.getAlias().compareTo(b.getAlias()))
                .toList();
        Set<String> suspending = enabled.isEmpty() ? Set.of() : new Suspensions(session).organizationsSuspending(user.getId());
        OrgRoles roles = new OrgRoles(session, settings.clientId());
        Map<String, Map<String, Object>> organizations = new LinkedHashMap<>();
        enabled.stream()
                .filter(organization -> !suspending.contains(organization.getId()))
                .forEach(organization -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", organization.getId());
                    entry.put("name", organization.getName());
                    entry.put("roles", List.copyOf(roles.rolesOf(organization, user)));
                    organizations.put(organization.getAlias(), entry);
                });
        return new Organizations(organizations);
    }

    /** A person's enabled organizations where they are not suspended, by alias, as read for one request. */
    private record Organizations(Map<String, Map<String, Object>> byAlias) {
    }
}
