package org.pimaccess.keycloak.it.harness;

import java.util.function.Consumer;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/** Changes realm settings for one test and puts them back afterwards. */
public final class RealmSettings {

    private RealmSettings() {
    }

    public static AutoCloseable change(RealmResource realm, Consumer<RealmRepresentation> change) {
        RealmRepresentation before = realm.toRepresentation();
        RealmRepresentation update = new RealmRepresentation();
        change.accept(update);
        realm.update(update);
        return () -> {
            RealmRepresentation restore = new RealmRepresentation();
            restore.setBruteForceProtected(before.isBruteForceProtected());
            restore.setFailureFactor(before.getFailureFactor());
            restore.setQuickLoginCheckMilliSeconds(before.getQuickLoginCheckMilliSeconds());
            restore.setMinimumQuickLoginWaitSeconds(before.getMinimumQuickLoginWaitSeconds());
            restore.setWaitIncrementSeconds(before.getWaitIncrementSeconds());
            restore.setLoginTheme(before.getLoginTheme());
            realm.update(restore);
        };
    }
}
