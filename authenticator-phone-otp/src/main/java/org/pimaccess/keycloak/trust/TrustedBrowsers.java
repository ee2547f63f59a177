package org.pimaccess.keycloak.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.device.DeviceRepresentationProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.account.DeviceRepresentation;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.phone.PhoneNotice;
import org.pimaccess.keycloak.phone.PhoneOtp;

/**
 * Trusted browsers: after the password, a browser the person trusted stands in for the phone code, for the Phone OTP
 * step only (level 2), and only in a plain sign-in.
 * <ul>
 *   <li>The browser holds {@code <credential id>.<256-bit secret>} in an HttpOnly, SameSite=Lax cookie named for the
 *   person ({@value #COOKIE_PREFIX}...), on the realm's path, Secure on https; the server keeps the secret's SHA-256
 *   in the person's credential ({@link TrustedBrowser}). Another person's sign-in never reads it.</li>
 *   <li>It counts while it has not expired (absolute), while it is younger than the days allowed now (the step's
 *   setting lowered by the person's organizations, {@link TrustedBrowserDays}), and when it was trusted after the
 *   password was last set: so every password change or reset ends it, by whatever way it happens.</li>
 *   <li>It never counts in an application-initiated action ({@code kc_action}: a phone, a passkey, the email), in a
 *   re-authentication the application demands ({@code prompt=login}, SAML ForceAuthn) or Keycloak forces (an expired
 *   {@code max_age}), nor in a sign-in that goes on to add a passkey; and a session it signed in is not fresh enough
 *   for adding a phone or a passkey ({@link #signedInByTrust}).</li>
 *   <li>A phone or passkey reset, a suspension, the account disabled, a realm admin deleting the credential, and
 *   Forget on home end it ({@link #forgetAll}, {@link #forget}; Forget also ends the sessions the browser signed in);
 *   credentials live in Keycloak's database, so the end holds on every node at once.</li>
 * </ul>
 */
public final class TrustedBrowsers {

    /** Client attribute: {@code false} makes the application always ask the code. */
    public static final String CLIENT_ATTRIBUTE = "pim.trusted-browsers";
    /** Login event detail: {@code true} when a trusted browser stood in for the code. */
    public static final String EVENT_DETAIL = "trusted_browser";
    /** The code page's checkbox. */
    public static final String FIELD = "trustBrowser";
    /** User-session note: whether the phone-OTP level of the session came from a trusted browser or from a code. */
    static final String SESSION_NOTE = "pim.trusted-browser";
    /** User-session note: the trusted browser that signed the session in, so that forgetting it ends the session. */
    static final String SESSION_BROWSER_NOTE = "pim.trusted-browser-id";
    static final String COOKIE_PREFIX = "PIM_TRUSTED_BROWSER_";
    private static final String PASSKEY_REGISTRATION = "webauthn-register-passwordless";
    /** Longest browser or system name kept from the User-Agent. */
    private static final int MAX_NAME = 60;
    /** Browsers one person may trust at once; trusting one more forgets the oldest. */
    static final int MAX_PER_PERSON = 10;
    /** A max auth age no sign-in is young enough for. */
    private static final int ALWAYS_TOO_OLD = -1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Counter TEXTS_SAVED = Counter.builder("pim.trusted.browser.texts.saved")
            .description("Sign-ins in which a trusted browser stood in for a phone code")
            .register(Metrics.globalRegistry);

    private TrustedBrowsers() {
    }

    /** The days the code page offers in this sign-in; 0 when it offers nothing. */
    public static int offeredDays(AuthenticationFlowContext context, int stepDays) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (stepDays == 0 || !plainSignIn(context.getSession(), authSession) || !allowedBy(authSession.getClient())
                || addsAPasskey(authSession, context.getUser())) {
            return 0;
        }
        return TrustedBrowserDays.forPerson(context.getSession(), context.getRealm(), context.getUser(), stepDays);
    }

    /**
     * Whether this browser is trusted by the person signing in, now. When it is, its last use is recorded, the
     * login event says so and the session remembers that no code was typed.
     */
    public static boolean honoured(AuthenticationFlowContext context, int stepDays, Clock clock) {
        Optional<Cookie> cookie = cookieOf(context.getSession(), context.getUser());
        if (cookie.isEmpty()) {
            return false;
        }
        int days = offeredDays(context, stepDays);
        UserModel user = context.getUser();
        String[] parts = cookie.get().getValue().split("\\.", 2);
        Optional<CredentialModel> stored = parts.length != 2 ? Optional.empty()
                : user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowser.TYPE)
                .filter(credential -> credential.getId().equals(parts[0])).findFirst();
        Optional<TrustedBrowser> browser = stored.flatMap(TrustedBrowser::of);
        if (days == 0 || browser.isEmpty() || !matches(parts[1], TrustedBrowser.secretHashOf(stored.get()))) {
            return false;
        }
        long now = clock.millis();
        if (!browser.get().validAt(now, passwordSetAt(user), days)) {
            user.credentialManager().removeStoredCredentialById(browser.get().id());
            expireCookie(context.getSession(), user);
            return false;
        }
        TrustedBrowser used = browser.get();
        stored.get().setCredentialData(TrustedBrowser.json(new TrustedBrowser.Data(used.browser(), used.os(), used.expiresAt(), now)));
        user.credentialManager().updateStoredCredential(stored.get());
        context.getAuthenticationSession().setUserSessionNote(SESSION_NOTE, "true");
        context.getAuthenticationSession().setUserSessionNote(SESSION_BROWSER_NOTE, used.id());
        context.getEvent().detail(EVENT_DETAIL, "true").detail("trusted_browser_id", used.id());
        TEXTS_SAVED.increment();
        return true;
    }

    /**
     * A code was typed or a passkey used in this sign-in: the session's level is theirs, whatever a browser stood in
     * for before.
     */
    public static void secondFactorUsed(AuthenticationSessionModel authSession) {
        authSession.setUserSessionNote(SESSION_NOTE, "false");
        authSession.setUserSessionNote(SESSION_BROWSER_NOTE, "");
    }

    /**
     * Trusts this browser for the person for {@code days}: a new secret in a cookie, its hash in a credential, a
     * mail to the person. The oldest is forgotten beyond {@value #MAX_PER_PERSON}.
     */
    public static void trust(AuthenticationFlowContext context, int days, Clock clock) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        long now = clock.millis();
        List<TrustedBrowser> kept = of(user, now);
        user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowser.TYPE)
                .filter(credential -> kept.stream().noneMatch(browser -> browser.id().equals(credential.getId())))
                .map(CredentialModel::getId).toList()
                .forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        kept.stream().skip(MAX_PER_PERSON - 1L)
                .forEach(browser -> user.credentialManager().removeStoredCredentialById(browser.id()));

        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = sha256(encoded);
        DeviceRepresentation device = session.getProvider(DeviceRepresentationProvider.class).deviceRepresentation();
        String browserName = shortened(device == null ? DeviceRepresentation.UNKNOWN : device.getBrowser().split("/")[0]);
        String os = shortened(device == null || device.getOs() == null ? DeviceRepresentation.UNKNOWN : device.getOs());
        long expiresAt = now + days * 86_400_000L;

        CredentialModel credential = new CredentialModel();
        credential.setType(TrustedBrowser.TYPE);
        credential.setCreatedDate(now);
        // Keycloak refuses two credentials of one type with one label: the hash's first characters keep them apart.
        credential.setUserLabel(browserName + " on " + os + " (" + hash.substring(0, 6) + ")");
        credential.setSecretData(TrustedBrowser.json(new TrustedBrowser.Secret(hash)));
        credential.setCredentialData(TrustedBrowser.json(new TrustedBrowser.Data(browserName, os, expiresAt, now)));
        CredentialModel created = user.credentialManager().createStoredCredential(credential);

        setCookie(session, user, created.getId() + "." + encoded, days * 86_400);
        context.getEvent().detail("trusted_browser_added", created.getId());
        PhoneNotice.browserTrusted(session, realm, user, browserName, os, expiresAt);
    }

    /** The person's trusted browsers that still count (expired ones and those from before the password do not), newest first. */
    public static List<TrustedBrowser> of(UserModel user, long now) {
        long notBefore = passwordSetAt(user);
        return user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowser.TYPE)
                .map(TrustedBrowser::of).flatMap(Optional::stream)
                .filter(browser -> browser.validAt(now, notBefore, TrustedBrowserDays.MAX))
                .sorted(Comparator.comparingLong(TrustedBrowser::createdAt).reversed())
                .toList();
    }

    /** The id of the trusted browser this request comes from, by its cookie for this person (unchecked: for display only). */
    public static Optional<String> idInRequest(KeycloakSession session, UserModel user) {
        return cookieOf(session, user).map(cookie -> cookie.getValue().split("\\.", 2)[0]);
    }

    /**
     * Forgets one trusted browser of the person, and ends the sessions it signed in (but the caller's own, by its id):
     * whoever used it is out. False when the person has no trusted browser with this id.
     */
    public static boolean forget(KeycloakSession session, RealmModel realm, UserModel user, String id, String callersSession) {
        boolean theirs = user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowser.TYPE)
                .anyMatch(credential -> credential.getId().equals(id));
        if (!theirs || !user.credentialManager().removeStoredCredentialById(id)) {
            return false;
        }
        endSessions(session, realm, user, callersSession, userSession -> id.equals(userSession.getNote(SESSION_BROWSER_NOTE)));
        return true;
    }

    /** Forgets every trusted browser of the person and ends the sessions they signed in (but the caller's own). */
    public static int forgetAll(KeycloakSession session, RealmModel realm, UserModel user, String callersSession) {
        int forgotten = forgetAll(user);
        endSessions(session, realm, user, callersSession, userSession -> Boolean.parseBoolean(userSession.getNote(SESSION_NOTE)));
        return forgotten;
    }

    /** Forgets every trusted browser of the person; the number forgotten. Their sessions are the caller's to end. */
    public static int forgetAll(UserModel user) {
        List<String> ids = user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowser.TYPE)
                .map(CredentialModel::getId).toList();
        ids.forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        return ids.size();
    }

    private static void endSessions(KeycloakSession session, RealmModel realm, UserModel user, String callersSession,
                                    Predicate<UserSessionModel> signedInByIt) {
        session.sessions().getUserSessionsStream(realm, user)
                .filter(userSession -> !userSession.getId().equals(callersSession))
                .filter(signedInByIt).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(session, userSession, true));
    }

    /**
     * Whether the phone-OTP level of the person's session came from a trusted browser rather than a typed code: the
     * note of this sign-in if it set one, else the session's. Such a session is not fresh enough to add a phone or a
     * passkey.
     */
    public static boolean signedInByTrust(KeycloakSession session, AuthenticationSessionModel authSession) {
        String here = authSession == null ? null : authSession.getUserSessionNotes().get(SESSION_NOTE);
        if (here != null) {
            return Boolean.parseBoolean(here);
        }
        UserSessionModel userSession = session.getContext().getUserSession();
        if (userSession == null && authSession != null) {
            userSession = session.sessions().getUserSession(authSession.getRealm(), authSession.getParentSession().getId());
        }
        return userSession != null && Boolean.parseBoolean(userSession.getNote(SESSION_NOTE));
    }

    /**
     * The most seconds since sign-in at which an application-initiated registration needs no new sign-in. For a
     * session a trusted browser signed in it is {@value #ALWAYS_TOO_OLD}: Keycloak asks for a new sign-in when
     * {@code auth_time + age < now}, which 0 would not make true within the sign-in's own second.
     */
    public static int maxAuthAge(KeycloakSession session, int otherwise) {
        UserSessionModel userSession = session.getContext().getUserSession();
        return userSession != null && Boolean.parseBoolean(userSession.getNote(SESSION_NOTE)) ? ALWAYS_TOO_OLD : otherwise;
    }

    /**
     * Not an application-initiated action, not a re-authentication Keycloak forces (an expired {@code max_age}), and
     * not one the application demands ({@code prompt=login}, SAML ForceAuthn), whether or not the browser still has a
     * session: those ask fresh proof.
     */
    private static boolean plainSignIn(KeycloakSession session, AuthenticationSessionModel authSession) {
        LoginProtocol protocol = authSession.getProtocol() == null ? null
                : session.getProvider(LoginProtocol.class, authSession.getProtocol());
        return authSession.getClientNote(Constants.KC_ACTION) == null
                && !Boolean.parseBoolean(authSession.getAuthNote(AuthenticationManager.FORCED_REAUTHENTICATION))
                && (protocol == null || !protocol.requireReauthentication(null, authSession));
    }

    /**
     * A sign-in that goes on to add a passkey (the person must, or an application asks more than phone OTP of someone
     * without one): adding it takes a typed code.
     */
    private static boolean addsAPasskey(AuthenticationSessionModel authSession, UserModel user) {
        if (authSession.getRequiredActions().contains(PASSKEY_REGISTRATION)
                || user.getRequiredActionsStream().anyMatch(PASSKEY_REGISTRATION::equals)) {
            return true;
        }
        Integer phoneOtp = PhoneOtp.levelOf(PhoneOtp.ACR, AcrUtils.getAcrLoaMap(authSession.getClient()));
        String requested = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        return phoneOtp != null && requested != null && requested.matches("-?\\d{1,9}") && Integer.parseInt(requested) > phoneOtp
                && user.credentialManager().getStoredCredentialsByTypeStream(WebAuthnCredentialModel.TYPE_PASSWORDLESS).findAny().isEmpty();
    }

    private static boolean allowedBy(ClientModel client) {
        return client == null || !"false".equalsIgnoreCase(client.getAttribute(CLIENT_ATTRIBUTE));
    }

    /** When the password was last set; a person without a local password (federated) trusts no browser. */
    private static long passwordSetAt(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate).filter(date -> date != null)
                .max(Long::compare).orElse(Long.MAX_VALUE);
    }

    private static boolean matches(String secret, String storedHash) {
        return storedHash != null && MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shortened(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    static String cookieName(UserModel user) {
        return COOKIE_PREFIX + sha256(user.getId()).substring(0, 16);
    }

    private static Optional<Cookie> cookieOf(KeycloakSession session, UserModel user) {
        Map<String, Cookie> cookies = session.getContext().getRequestHeaders().getCookies();
        return Optional.ofNullable(cookies.get(cookieName(user))).filter(cookie -> cookie.getValue() != null
                && cookie.getValue().length() < 200);
    }

    private static void setCookie(KeycloakSession session, UserModel user, String value, int maxAgeSeconds) {
        boolean https = "https".equalsIgnoreCase(session.getContext().getUri().getBaseUri().getScheme());
        String path = session.getContext().getUri().getBaseUriBuilder().path("realms").path(session.getContext().getRealm().getName())
                .build().getRawPath() + "/";
        session.getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(cookieName(user))
                .value(value).path(path).maxAge(maxAgeSeconds).httpOnly(true).secure(https)
                .sameSite(NewCookie.SameSite.LAX).build());
    }

    private static void expireCookie(KeycloakSession session, UserModel user) {
        setCookie(session, user, "", 0);
    }
}
