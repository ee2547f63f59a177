package org.pimaccess.keycloak.it.pages;

import java.net.URI;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** One page a browser received, or the relying party's callback with its authorization code. */
public record Page(URI uri, int status, String body, String callbackCode) {

    public Document document() {
        return Jsoup.parse(body, uri.toString());
    }

    public boolean isCallback() {
        return callbackCode != null;
    }

    public boolean hasForm(String id) {
        return document().getElementById(id) != null;
    }

    /** The visible text, for asserting on what a person reads. */
    public String text() {
        return document().body().text();
    }

    /** Error messages: the page alert and field errors. */
    public String errors() {
        StringBuilder errors = new StringBuilder();
        for (Element e : document().select(".pf-m-danger, .pf-v5-c-alert, [id^=input-error], .kc-feedback-text")) {
            errors.append(e.text()).append('\n');
        }
        return errors.toString();
    }

    /** The {@code phoneId} values offered on the Phone OTP select page, in page order. */
    public List<String> phoneIds() {
        return document().select("input[name=phoneId]").eachAttr("value");
    }

    public List<String> phoneLabels() {
        return document().select("input[name=phoneId] + label").eachText();
    }

    public String byId(String id) {
        Element element = document().getElementById(id);
        return element == null ? null : element.text();
    }
}
