package org.pimaccess.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
                .logout(logout -> logout.logoutSuccessHandler(backToHome));
        return http.build();
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
