package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links from mails into the dashboard. */
@ApplicationScoped
public class MailLinks {

    private final String base;

    public MailLinks(NotifyConfig config) {
        String url = config.dashboardUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code ${DASHBOARD_URL}/alarms/{id}}, the id URL-encoded ('|' and '#' are not path characters). */
    public String alarm(String alarmId) {
        return base + "/alarms/" + URLEncoder.encode(alarmId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
