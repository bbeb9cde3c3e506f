package io.plantwatch.alert.notification.mail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How numbers, ranges and times read in mails. */
public final class MailFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MailFormat() {
    }

    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    public static String range(Double low, Double high, String unit) {
        if (low == null && high == null) {
            return "-";
        }
        String u = unit == null ? "" : " " + unit;
        if (low == null) {
            return "≤ " + number(high) + u;
        }
        if (high == null) {
            return "≥ " + number(low) + u;
        }
        return number(low) + " .. " + number(high) + u;
    }

    public static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }
}
