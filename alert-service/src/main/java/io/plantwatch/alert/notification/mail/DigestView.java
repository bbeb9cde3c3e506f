package io.plantwatch.alert.notification.mail;

import java.util.List;

/**
 * A digest: everything new for one recipient since their last digest, grouped by device.
 *
 * @param overflow immediate e-mails that went over the recipient's rate limit
 */
public record DigestView(String recipient, String from, String until, int deviceCount, int anomalyCount,
        int changeCount, int rateLimit, String rateWindow, List<OverflowLine> overflow, List<DeviceGroup> devices) {

    /** An immediate mail that was not sent because of the rate limit. */
    public record OverflowLine(String at, String subject, String link) {
    }

    /** One device's new anomalies and alarm changes, oldest first; {@code hidden} lines beyond the cap. */
    public record DeviceGroup(String deviceName, String deviceId, String site, int anomalyCount, int changeCount,
            List<Line> lines, int hidden) {
    }

    /** One anomaly or alarm change. */
    public record Line(String at, String kind, String severity, String title, String detail, String link) {
    }
}
