package io.plantwatch.detection.detector;

import java.util.Locale;

/** Number and duration formatting for verdict messages. */
public final class Fmt {

    private Fmt() {
    }

    /** Four significant digits, no exponent for everyday magnitudes. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    /** Value with unit, e.g. "3.1 bar". */
    public static String val(double v, String unit) {
        return unit == null || unit.isEmpty() ? num(v) : num(v) + " " + unit;
    }

    public static String one(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Human duration of {@code samples} samples at {@code periodMillis} each, e.g. "8-hour", "100-sample". */
    public static String span(int samples, double periodMillis) {
        if (!(periodMillis > 0)) {
            return samples + "-sample";
        }
        double s = samples * periodMillis / 1000.0;
        if (s < 120) {
            return Math.round(s) + "-second";
        }
        if (s < 7200) {
            return Math.round(s / 60) + "-minute";
        }
        if (s < 172800) {
            return Math.round(s / 3600) + "-hour";
        }
        return Math.round(s / 86400) + "-day";
    }
}
