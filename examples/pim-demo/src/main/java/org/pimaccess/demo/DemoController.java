package org.pimaccess.demo;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The pages: what the signed-in person may do here, and why a weaker session was turned away. */
@Controller
public class DemoController {

    private final KeycloakLinks keycloak;
    private final MessageSource messages;

    public DemoController(KeycloakLinks keycloak, MessageSource messages) {
        this.keycloak = keycloak;
        this.messages = messages;
    }

    @GetMapping("/")
    public String home(@AuthenticationPrincipal OidcUser user, Model model, Locale locale) {
        SessionStrength strength = SessionStrength.ofAcr(user.getIdToken().getClaimAsString("acr"));
        List<Membership> organizations = Membership.fromClaim(user.getClaimAsMap("organization"));
        model.addAttribute("name", displayName(user));
        model.addAttribute("strength", strength);
        model.addAttribute("strong", strength.isAtLeast(PhoneOtpRequired.REQUIRED));
        model.addAttribute("required", PhoneOtpRequired.REQUIRED);
        model.addAttribute("acr", user.getIdToken().getClaimAsString("acr"));
        model.addAttribute("organizations", organizations.stream().map(org -> view(org, locale)).toList());
        model.addAttribute("orgAdmin", keycloak.orgAdmin());
        model.addAttribute("home", keycloak.home());
        return "home";
    }

    @GetMapping("/session-too-weak")
    public String sessionTooWeak(HttpSession session, Model model) {
        Object refused = session.getAttribute(SessionTooWeakHandler.REFUSED);
        model.addAttribute("had", refused instanceof SessionStrength had ? had : SessionStrength.UNKNOWN);
        model.addAttribute("required", PhoneOtpRequired.REQUIRED);
        model.addAttribute("raise", SecurityConfig.SIGN_IN);
        model.addAttribute("home", keycloak.home());
        return "session-too-weak";
    }

    @GetMapping("/sign-in-failed")
    public String signInFailed(Model model) {
        model.addAttribute("signIn", SecurityConfig.SIGN_IN);
        model.addAttribute("home", keycloak.home());
        return "sign-in-failed";
    }

    private static String displayName(OidcUser user) {
        if (user.getFullName() != null && !user.getFullName().isBlank()) {
            return user.getFullName();
        }
        return user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
    }

    private OrganizationView view(Membership membership, Locale locale) {
        List<String> labels = membership.roles().stream()
                .map(role -> messages.getMessage("role." + role, null, role, locale)).toList();
        return new OrganizationView(membership.alias(), membership.name(), membership.admin(), labels, membership.roles());
    }

    /** An organization as the page shows it: alias, name, whether the person administers it, roles (human, as sent). */
    public record OrganizationView(String alias, String name, boolean admin, List<String> roles, List<String> roleNames) {
    }
}
