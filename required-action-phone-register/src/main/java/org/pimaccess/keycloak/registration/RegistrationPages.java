package org.pimaccess.keycloak.registration;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.pimaccess.keycloak.phone.PhoneNumberInput;
import org.pimaccess.keycloak.phone.PersonPhones;
import org.pimaccess.keycloak.phone.PhoneRegistrationPolicy;
import org.pimaccess.keycloak.code.CodeChallenge;
import org.pimaccess.keycloak.code.CodePage;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneNumbers;

/**
 * The registration form ({@value #FORM}) and the shared code page. The form always shows what the
 * person typed, so a refused number can be corrected rather than retyped.
 */
final class RegistrationPages {

    static final String FORM = "phone-register.ftl";
    static final String ATTRIBUTE = "phoneRegister";

    private final RequiredActionContext context;
    private final PhoneRegistrationPolicy policy;
    private final Clock clock;
    private final boolean appInitiated;

    RegistrationPages(RequiredActionContext context, PhoneRegistrationPolicy policy, Clock clock, boolean appInitiated) {
        this.context = context;
        this.policy = policy;
        this.clock = clock;
        this.appInitiated = appInitiated;
    }

    Response form() {
        return form(context.form());
    }

    Response formWithError(String messageKey, Object... parameters) {
        return form(context.form().setError(messageKey, parameters));
    }

    Response formWithFieldError(String field, String messageKey, Object... parameters) {
        return form(context.form().addError(new FormMessage(field, messageKey, parameters)));
    }

    /** The code page for the number being registered. */
    CodePage code(CodeChallenge challenge, String number) {
        return new CodePage(context.form(), challenge, PhoneNumbers.mask(number), policy.codes(), clock);
    }

    private Response form(LoginFormsProvider form) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        Locale locale = context.getSession().getContext().resolveLocale(context.getUser());
        String typedNumber = input.getFirst(PhoneRegisterAction.FIELD_NUMBER);
        String typedLabel = input.getFirst(PhoneRegisterAction.FIELD_LABEL);
        String method = DeliveryMethod.fromFormValue(input.getFirst(PhoneRegisterAction.FIELD_METHOD))
                .orElse(DeliveryMethod.SMS).formValue();

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("phoneNumber", keep(typedNumber, PhoneNumberInput.MAX_LENGTH * 20));
        model.put("label", keep(typedLabel, PersonPhones.MAX_LABEL * 20));
        model.put("deliveryMethod", method);
        model.put("methods", List.of(DeliveryMethod.SMS.formValue(), DeliveryMethod.VOICE.formValue()));
        model.put("countries", countries(locale));
        model.put("country", selectedCountry(input.getFirst(PhoneRegisterAction.FIELD_COUNTRY), locale));
        model.put("appInitiated", appInitiated);
        return form.setAttribute(ATTRIBUTE, model).createForm(FORM);
    }

    /** What was typed comes back as it was, cut only when absurdly long. */
    private static String keep(String typed, int limit) {
        if (typed == null) {
            return "";
        }
        return typed.length() > limit ? typed.substring(0, limit) : typed;
    }

    private List<Map<String, String>> countries(Locale locale) {
        List<String> regions = policy.codes().allowedCountries().isEmpty()
                ? List.copyOf(PhoneNumberInput.regions()) : List.copyOf(policy.codes().allowedCountries());
        return regions.stream()
                .map(region -> Map.of("code", region, "name", new Locale("", region).getDisplayCountry(locale)))
                .sorted(Comparator.comparing(country -> country.get("name")))
                .toList();
    }

    private String selectedCountry(String submitted, Locale locale) {
        if (submitted != null && submitted.length() == 2) {
            return submitted.toUpperCase(Locale.ROOT);
        }
        if (!policy.codes().allowedCountries().isEmpty()) {
            return policy.codes().allowedCountries().stream().sorted().findFirst().orElse("");
        }
        return locale.getCountry().isEmpty() ? "US" : locale.getCountry();
    }
}
