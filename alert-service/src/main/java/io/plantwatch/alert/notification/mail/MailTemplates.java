package io.plantwatch.alert.notification.mail;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The mail templates (src/main/resources/templates/mail): each mail has an HTML and a plain-text part. */
@CheckedTemplate(basePath = "mail")
public final class MailTemplates {

    private MailTemplates() {
    }

    public static native TemplateInstance alarmHtml(AlarmMailView mail);

    public static native TemplateInstance alarmText(AlarmMailView mail);

    public static native TemplateInstance digestHtml(DigestView digest);

    public static native TemplateInstance digestText(DigestView digest);

    public static native TemplateInstance messageHtml(MessageView mail);

    public static native TemplateInstance messageText(MessageView mail);
}
