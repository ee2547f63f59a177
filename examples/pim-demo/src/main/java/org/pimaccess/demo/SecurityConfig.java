package org.pimaccess.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in with client {@code pim}: authorization code with PKCE, asking for {@code acr_values=phone-otp};
 * {@link PhoneOtpRequired} refuses weaker tokens, {@link SessionTooWeakHandler} explains and offers to
 * raise the session; sign-out is RP-initiated logout at Keycloak, which then returns to home.
 *
 * <p>Keycloak also tells this application when a session ends anywhere else (OIDC back-channel logout at
 * {@code /logout/connect/back-channel/pim}): an org admin suspends the person or resets their phones or
 * passkeys, they sign out on home, a realm admin ends their sessions. Without it the demo's own session
 * would keep a suspended editor in, with their old roles, until it expired.
 */
@Configuration
public class SecurityConfig {

    /** Where every sign-in starts: Spring Security's authorization endpoint for registration {@code pim}. */
    public static final String SIGN_IN = "/oauth2/authorization/pim";

    @Bean
    SecurityFilterChain security(HttpSecurity http, ClientRegistrationRepository clients, KeycloakLinks keycloak)
            throws Exception {
        OidcClientInitiatedLogoutSuccessHandler backToHome = new OidcClientInitiatedLogoutSuccessHandler(clients);
        backToHome.setPostLogoutRedirectUri(keycloak.home());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/session-too-weak", "/sign-in-failed", "/demo.css", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(phoneOtpRequests(clients)))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new PhoneOtpRequired()))
                        .failureHandler(new SessionTooWeakHandler()))
                .logout(logout -> logout.logoutSuccessHandler(backToHome))
                .oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()));
        return http.build();
    }

    /** Which of this application's sessions belongs to which Keycloak session ({@code sid}). */
    @Bean
    OidcSessionRegistry oidcSessions() {
        return new InMemoryOidcSessionRegistry();
    }

    /**
     * Ends the sessions named by a logout token. It presents each session's cookie to this application,
     * so it must know the cookie's name, which application.yaml changed from {@code JSESSIONID}.
     */
    @Bean
    OidcBackChannelLogoutHandler backChannelLogout(OidcSessionRegistry sessions,
            @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
        OidcBackChannelLogoutHandler handler = new OidcBackChannelLogoutHandler(sessions);
        handler.setSessionCookieName(sessionCookie);
        return handler;
    }

    /** Every authorization request carries a PKCE challenge (S256) and asks for phone OTP. */
    private static OAuth2AuthorizationRequestResolver phoneOtpRequests(ClientRegistrationRepository clients) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(clients,
                "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
                .andThen(request -> request.additionalParameters(parameters ->
                        parameters.put("acr_values", PhoneOtpRequired.REQUIRED.acr()))));
        return resolver;
    }

    @Bean
    KeycloakLinks keycloakLinks(@Value("${pim.keycloak-url}") String keycloakUrl) {
        return new KeycloakLinks(keycloakUrl);
    }
}
