package org.pimaccess.keycloak.it.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

/** What the realm mailed, as the recipient reads it. */
public final class Mailbox {

    private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern PLAIN_LINK = Pattern.compile("https?://\\S+");

    private final GreenMail mail;

    Mailbox(GreenMail mail) {
        this.mail = mail;
    }

    /** The newest mail to this address, waited for up to 15 s. */
    public MimeMessage newestTo(String address) {
        return Poll.until(Duration.ofSeconds(60), () -> newest(address), Optional::isPresent,
                "a mail to " + address).orElseThrow();
    }

    /** The subjects of every mail to this address received so far, oldest first, without waiting. */
    public List<String> subjectsTo(String address) {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                Address[] to = message.getAllRecipients();
                if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                    subjects.add(message.getSubject());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    /** The newest mail to this address once it has this subject, waited for up to 60 s. */
    public MimeMessage newestTo(String address, String subject) {
        return Poll.until(Duration.ofSeconds(60), () -> newest(address),
                message -> message.isPresent() && subject.equals(subjectOf(message.get())),
                "a mail to " + address + " with subject \"" + subject + "\"").orElseThrow();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in the newest mail to this address whose URL contains {@code part}. */
    public String linkTo(String address, String part) {
        String html = textOf(newestTo(address));
        Matcher links = LINK.matcher(html);
        while (links.find()) {
            String link = links.group(1).replace("&amp;", "&");
            if (link.contains(part)) {
                return link;
            }
        }
        throw new IllegalStateException("No link with '" + part + "' in the mail to " + address + ":\n" + html);
    }

    /**
     * The first link in the plain-text part of the newest mail to this address whose URL contains
     * {@code part}, exactly as a text-only mail client shows it (nothing unescaped).
     */
    public String plainTextLinkTo(String address, String part) {
        String text = plainTextOf(newestTo(address));
        if (text == null) {
            throw new IllegalStateException("The newest mail to " + address + " has no plain-text part");
        }
        Matcher links = PLAIN_LINK.matcher(text);
        while (links.find()) {
            if (links.group().contains(part)) {
                return links.group();
            }
        }
        throw new IllegalStateException("No link with '" + part + "' in the plain text of the mail to " + address + ":\n" + text);
    }

    private static String plainTextOf(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = plainTextOf(multipart.getBodyPart(i));
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<MimeMessage> newest(String address) {
        MimeMessage found = null;
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                Address[] to = message.getAllRecipients();
                if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                    found = message;
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.ofNullable(found);
    }

    /** The decoded text of the mail's first part of this type ({@code text/plain} or {@code text/html}). */
    public static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The readable text of a mail, all parts decoded. */
    public static String textOf(Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    text.append(textOf(multipart.getBodyPart(i))).append('\n');
                }
                return text.toString();
            }
            return content.toString();
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
