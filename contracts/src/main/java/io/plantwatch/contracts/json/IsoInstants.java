package io.plantwatch.contracts.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * ISO-8601 UTC instants ({@code 2026-11-23T08:00:00.010Z}) written and read without {@code DateTimeFormatter}.
 * Every event carries two or more instants and every service reads every reading, so the formatter's generic parser
 * was the largest single cost of a reading's JSON. The text is exactly {@link Instant#toString()}; anything outside
 * the common form (offsets other than Z, years beyond 0000-9999, numeric timestamps) falls back to the JDK.
 */
public final class IsoInstants {

    private static final long SECONDS_PER_DAY = 86_400L;

    private IsoInstants() {
    }

    /** A Jackson module replacing the JavaTimeModule's Instant codec with this one (register it after). */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("plantwatch-iso-instants");
        module.addSerializer(Instant.class, new Serializer());
        module.addDeserializer(Instant.class, new Deserializer());
        return module;
    }

    /** Same text as {@link Instant#toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        long[] ymd = civilFromDays(day);
        long year = ymd[0];
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        char[] out = new char[30];
        int n = 0;
        n = digits(out, n, (int) year, 4);
        out[n++] = '-';
        n = digits(out, n, (int) ymd[1], 2);
        out[n++] = '-';
        n = digits(out, n, (int) ymd[2], 2);
        out[n++] = 'T';
        n = digits(out, n, secondOfDay / 3600, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay / 60 % 60, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay % 60, 2);
        if (nanos > 0) {
            out[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                n = digits(out, n, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                n = digits(out, n, nanos / 1_000, 6);
            } else {
                n = digits(out, n, nanos, 9);
            }
        }
        out[n++] = 'Z';
        return new String(out, 0, n);
    }

    /** Reads what {@link #format} (or {@link Instant#toString()}) writes; other ISO forms through the JDK. */
    public static Instant parse(String text) {
        int len = text.length();
        if (len < 20 || len > 30 || text.charAt(len - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int dayOfMonth = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        int nanos = 0;
        if (len > 20) {
            int digits = len - 21;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return Instant.parse(text);
            }
            nanos = number(text, 20, len - 1);
            if (nanos < 0) {
                return Instant.parse(text);
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        } else if (len != 20) {
            return Instant.parse(text);
        }
        if (year < 0 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            // out of range or not digits: the JDK gives the precise error (or accepts a leap second form)
            return Instant.parse(text);
        }
        long seconds = daysFromCivil(year, month, dayOfMonth) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Parses decimal digits in [from, to); -1 when any is not a digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return Integer.MIN_VALUE;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    // Howard Hinnant's civil-calendar algorithms (proleptic Gregorian, as java.time uses)
    private static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static long[] civilFromDays(long z) {
        z += 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp + (mp < 10 ? 3 : -9);
        return new long[] {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
    }

    static final class Serializer extends StdScalarSerializer<Instant> {
        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
                InstantSerializer.INSTANCE.serialize(value, gen, provider);
            } else {
                gen.writeString(format(value));
            }
        }
    }

    static final class Deserializer extends StdScalarDeserializer<Instant> {
        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText();
                int len = text.length();
                if (len >= 20 && text.charAt(len - 1) == 'Z' && text.charAt(10) == 'T') {
                    try {
                        return parse(text);
                    } catch (DateTimeException e) {
                        // the JavaTimeModule's deserializer reports it the way every other bad date is reported
                    }
                }
            }
            // numbers, offsets, blanks: exactly what the JavaTimeModule does
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
