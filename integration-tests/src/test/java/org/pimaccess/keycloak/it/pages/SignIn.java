package org.pimaccess.keycloak.it.pages;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pimaccess.keycloak.it.harness.Http;

/** A person signing in to a relying party of realm {@code pim}, page by page, the way they click. */
public final class SignIn {

    public static final String PIM_SECRET = "pim-dev-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Browser browser;

    public SignIn(URI base) {
        this(base, new Browser(base));
    }

    public SignIn(URI base, Browser browser) {
        this.base = base;
        this.browser = browser;
    }

    public Browser browser() {
        return browser;
    }

    public Page open(String clientId) {
        return browser.openSignIn(clientId, null);
    }

    public Page open(String clientId, String acrValues) {
        return browser.openSignIn(clientId, acrValues);
    }

    /** From the sign-in page of this client, the person follows "Register". */
    public Page openRegistration(String clientId) {
        Page login = browser.openSignIn(clientId, null);
        org.jsoup.nodes.Element register = login.document().selectFirst("a[href*=/login-actions/registration]");
        if (register == null) {
            throw new IllegalStateException("No registration link on the sign-in page:\n" + login.text());
        }
        return browser.get(URI.create(register.absUrl("href")));
    }

    /** Fills in the registration form and submits it. */
    public Page register(Map<String, String> fields) {
        return browser.submit("kc-register-form", fields, null);
    }

    public Page password(String username, String password) {
        return browser.submit("kc-form-login", Map.of("username", username, "password", password), "login");
    }

    public Page send(String phoneId, String deliveryMethod) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (phoneId != null) {
            fields.put("phoneId", phoneId);
        }
        if (deliveryMethod != null) {
            fields.put("deliveryMethod", deliveryMethod);
        }
        return browser.submit("pim-phone-otp-select", fields, "send");
    }

    /** Fills in the phone registration form and presses Send. */
    public Page registerPhone(String phoneNumber, String country, String label, String deliveryMethod) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("phoneNumber", phoneNumber);
        if (country != null) {
            fields.put("country", country);
        }
        fields.put("label", label == null ? "" : label);
        fields.put("deliveryMethod", deliveryMethod);
        return browser.submit("pim-phone-register", fields, "send");
    }

    public Page code(String code) {
        return browser.submit("pim-phone-otp-code", Map.of("code", code), "verify");
    }

    public Page resend() {
        return browser.submit("pim-phone-otp-code", Map.of(), "resend");
    }

    public Page back() {
        return browser.submit("pim-phone-otp-code", Map.of(), "back");
    }

    /** Posts raw fields to the current form's action, as a hand-made request would. */
    public Page postRaw(String formId, Map<String, String> fields) {
        String action = browser.current().document().getElementById(formId).absUrl("action");
        return browser.post(URI.create(action), fields);
    }

    /** The relying party redeems the authorization code and reads its ID token's claims. */
    public Map<String, Object> idToken(String clientId, String secret) {
        String payload = ((String) tokens(clientId, secret).get("id_token")).split("\\.")[1];
        try {
            return JSON.readValue(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8),
                    new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The relying party redeems the authorization code: the token endpoint's whole answer. */
    public Map<String, Object> tokens(String clientId, String secret) {
        Page callback = browser.current();
        if (!callback.isCallback()) {
            throw new IllegalStateException("Sign-in did not reach the relying party; the page says:\n" + callback.text());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", callback.callbackCode());
        form.put("redirect_uri", Browser.CALLBACK);
        form.put("client_id", clientId);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        form.put("code_verifier", browser.codeVerifier());
        try {
            HttpResponse<String> response = Http.client().send(
                    HttpRequest.newBuilder(browser.route(base.resolve("/realms/" + browser.realm() + "/protocol/openid-connect/token")))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(Browser.form(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readValue(response.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
