package io.plantwatch.detection.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads benchmark CSV files into {@link Sample}s.
 * <ul>
 * <li>{@code skab}: {@code ;}-separated, {@code datetime} then the sensor columns; the label columns
 * {@code anomaly} and {@code changepoint} are dropped (the detector never sees them).</li>
 * <li>{@code nab}: {@code timestamp,value} (the channel is called {@code value}).</li>
 * <li>{@code generic}: {@code timestamp,<channels...>}, {@code ,} or {@code ;} separated.</li>
 * </ul>
 * Timestamps: ISO-8601 instants or offsets, {@code yyyy-MM-dd[ T]HH:mm:ss[.fraction]} (taken as UTC), or epoch
 * seconds / milliseconds. Empty cells and {@code NaN} are missing values.
 */
public final class CsvSamples {

    /** Label columns of SKAB files, never given to the detector. */
    public static final Set<String> SKAB_LABELS = Set.of("anomaly", "changepoint");

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private CsvSamples() {
    }

    public enum Format {
        SKAB, NAB, GENERIC;

        public static Format parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }

        /** The format a header line suggests: SKAB's {@code ;}-separated labelled header, NAB's two columns, else generic. */
        public static Format guess(String header) {
            if (header == null) {
                throw new IllegalArgumentException("empty CSV");
            }
            if (header.contains(";") && header.contains("anomaly")) {
                return SKAB;
            }
            if (header.trim().equalsIgnoreCase("timestamp,value")) {
                return NAB;
            }
            return GENERIC;
        }
    }

    /**
     * A CSV cell or line that cannot be read.
     *
     * @param line   1-based line number in the file (the header is line 1)
     * @param column column name, or null when the whole line (or the header) is at fault
     * @param detail what is wrong
     */
    public static final class CsvFormatException extends IllegalArgumentException {
        private final int line;
        private final String column;
        private final String detail;

        public CsvFormatException(int line, String column, String detail, Throwable cause) {
            super("line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + detail, cause);
            this.line = line;
            this.column = column;
            this.detail = detail;
        }

        public int line() {
            return line;
        }

        public String column() {
            return column;
        }

        public String detail() {
            return detail;
        }
    }

    /** The parsed file: the channel names (in column order) and the samples. */
    public record Table(List<String> channels, List<Sample> samples) {
    }

    public static Table parse(String csv, Format format) {
        try {
            return read(new StringReader(csv), format);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Table read(Reader reader, Format format) throws IOException {
        BufferedReader br = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String header = br.readLine();
        while (header != null && header.isBlank()) {
            header = br.readLine();
        }
        if (header == null) {
            throw new CsvFormatException(1, null, "empty CSV: no header line", null);
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        char sep = format == Format.SKAB ? ';' : format == Format.NAB ? ','
                : count(header, ';') > count(header, ',') ? ';' : ',';
        String[] cols = split(header, sep);
        List<Integer> idx = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < cols.length; i++) {
            String n = cols[i].trim();
            if (format == Format.SKAB && SKAB_LABELS.contains(n)) {
                continue;
            }
            idx.add(i);
            names.add(n);
        }
        if (format == Format.NAB && (names.size() != 1)) {
            throw new CsvFormatException(1, null, "NAB format expects timestamp,value; got " + header, null);
        }
        List<Sample> out = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = br.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = split(line, sep);
            String label = f[0].trim();
            Instant ts;
            try {
                ts = parseTime(label);
            } catch (RuntimeException e) {
                throw new CsvFormatException(lineNo, cols[0].trim(), "bad timestamp '" + label + "'", e);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (int k = 0; k < idx.size(); k++) {
                int i = idx.get(k);
                double v = Double.NaN;
                if (i < f.length) {
                    String cell = f[i].trim();
                    if (!cell.isEmpty() && !cell.equalsIgnoreCase("nan")) {
                        try {
                            v = Double.parseDouble(cell);
                        } catch (NumberFormatException e) {
                            throw new CsvFormatException(lineNo, names.get(k), "bad number '" + cell + "'", e);
                        }
                    }
                }
                values.put(names.get(k), v);
            }
            out.add(new Sample(label, ts, values));
        }
        return new Table(List.copyOf(names), out);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static String[] split(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    /** Parses a timestamp cell (see the class comment). */
    public static Instant parseTime(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
            double v = Double.parseDouble(t);
            return v > 1e11 ? Instant.ofEpochMilli((long) v) : Instant.ofEpochMilli(Math.round(v * 1000));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next
        }
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC);
    }
}
