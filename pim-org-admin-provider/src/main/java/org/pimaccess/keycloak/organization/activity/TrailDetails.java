package org.pimaccess.keycloak.organization.activity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.models.UserModel;

/**
 * What an admin event of the trail records about the people in it, when it happens: the member it is about
 * ({@code user_id}, {@code username}, {@code name}, {@code email}) and the member who did it
 * ({@code actor_username}, {@code actor_name}). The trail shows these as recorded and never looks a person up
 * later by name or address, so it tells an organization nothing about accounts outside it, nor a former member's
 * later name, nor who took a deleted account's username since. An invitation records only the address the admin
 * typed ({@code email}, no {@code user_id}), whether or not an account has it. A sign-in policy change records the
 * policy before and after ({@code level_before}, {@code trusted_browser_days_before}, {@code level},
 * {@code trusted_browser_days}).
 */
public final class TrailDetails {

    public static final String USER_ID = "user_id";
    public static final String USERNAME = "username";
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String ACTOR_USERNAME = "actor_username";
    public static final String ACTOR_NAME = "actor_name";
    public static final String LEVEL = "level";
    public static final String LEVEL_BEFORE = "level_before";
    public static final String TRUSTED_BROWSER_DAYS = "trusted_browser_days";
    public static final String TRUSTED_BROWSER_DAYS_BEFORE = "trusted_browser_days_before";

    private TrailDetails() {
    }

    /** The member an event is about, as they are at this moment; blank values are left out, as Keycloak leaves them out. */
    public static Map<String, String> target(UserModel member) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(USER_ID, member.getId());
        details.put(USERNAME, member.getUsername());
        details.put(NAME, name(member));
        details.put(EMAIL, member.getEmail());
        details.values().removeIf(value -> value == null || value.isBlank());
        return details;
    }

    /** The member who acts, as they are at this moment. */
    public static Map<String, String> actor(UserModel actor) {
        return Map.of(ACTOR_USERNAME, actor.getUsername(), ACTOR_NAME, name(actor));
    }

    /** A sign-in policy change: the level and the trusted-browser days before and after, as they held. */
    public static Map<String, String> policy(String levelBefore, int daysBefore, String level, int days) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(LEVEL_BEFORE, levelBefore);
        details.put(TRUSTED_BROWSER_DAYS_BEFORE, Integer.toString(daysBefore));
        details.put(LEVEL, level);
        details.put(TRUSTED_BROWSER_DAYS, Integer.toString(days));
        return details;
    }

    /** First and last name, or the username when the account has neither. */
    public static String name(UserModel user) {
        String name = Stream.of(user.getFirstName(), user.getLastName())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? user.getUsername() : name;
    }
}
