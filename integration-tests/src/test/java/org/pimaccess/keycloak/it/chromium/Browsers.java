package org.pimaccess.keycloak.it.chromium;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;

/** The Chromium browsers one test opened: all closed after it, all photographed if it failed. */
public final class Browsers implements ExtensionContext.Store.CloseableResource {

    private final List<Chromium> open = new ArrayList<>();

    /** A fresh browser profile with this window size. */
    public Chromium open(int width, int height) {
        Chromium chromium = Chromium.start(width, height);
        open.add(chromium);
        return chromium;
    }

    void keepEvidence(Path directory, String name) {
        for (int i = 0; i < open.size(); i++) {
            String file = name + (open.size() > 1 ? "-" + (i + 1) : "");
            open.get(i).screenshot(directory.resolve(file + ".png"));
            open.get(i).pageSource(directory.resolve(file + ".html"));
        }
    }

    @Override
    public void close() {
        open.forEach(Chromium::close);
    }
}
