package io.plantwatch.local.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) that keeps every message it receives, so tests and people can read them.
 * {@link MailViewer} shows them on a web page in the local stack.
 */
public final class MailCatcher implements AutoCloseable {

    private final GreenMail greenMail;
    private final int smtpPort;

    private MailCatcher(GreenMail greenMail, int smtpPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
    }

    /** Starts SMTP on loopback {@code port} (no TLS, no login: a mail catcher). */
    public static MailCatcher start(int port) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new MailCatcher(greenMail, port);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    /** Every message received so far, oldest first, as plain maps (from, to, subject, date, text, html). */
    public List<Map<String, Object>> messages() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        List<Map<String, Object>> result = new ArrayList<>(received.length);
        for (int i = 0; i < received.length; i++) {
            result.add(describe(i, received[i]));
        }
        return result;
    }

    static Map<String, Object> describe(int index, MimeMessage message) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("id", index);
            m.put("from", addresses(message.getFrom()));
            m.put("to", addresses(message.getAllRecipients()));
            m.put("subject", message.getSubject());
            m.put("date", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
            Map<String, String> parts = new LinkedHashMap<>();
            collect(message, parts);
            m.put("text", parts.get("text/plain"));
            m.put("html", parts.get("text/html"));
        } catch (Exception e) {
            m.put("error", e.toString());
        }
        return m;
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static void collect(Part part, Map<String, String> parts) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts);
            }
        } else if (content instanceof String text) {
            String type = part.isMimeType("text/html") ? "text/html" : "text/plain";
            parts.putIfAbsent(type, text);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
