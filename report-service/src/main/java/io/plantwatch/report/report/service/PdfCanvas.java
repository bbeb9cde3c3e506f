package io.plantwatch.report.report.service;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A top-down writer of A4 pages with PDFBox: headings, lines of text, tables and images, starting a new page when
 * the next element does not fit. Text uses the standard Helvetica fonts (no font files needed); characters they
 * cannot encode are replaced.
 */
final class PdfCanvas implements AutoCloseable {

    private static final float MARGIN = 40;
    private static final float ROW_HEIGHT = 13;

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream content;
    private float y;
    private int pages;

    PdfCanvas() {
        newPage();
    }

    float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    void heading(String text, float size) {
        ensure(size + 14);
        y -= size + 6;
        write(bold, size, MARGIN, y, text);
        y -= 6;
    }

    void text(String text, float size) {
        ensure(size + 4);
        y -= size + 3;
        write(regular, size, MARGIN, y, text);
    }

    void space(float points) {
        y -= points;
    }

    /** A table with a bold header row, repeated on each new page; cells are cut to their column. */
    void table(List<String> header, float[] widths, List<List<String>> rows, float size) {
        float total = 0;
        for (float w : widths) {
            total += w;
        }
        float scale = width() / total;
        ensure(ROW_HEIGHT * 2);
        tableRow(header, widths, scale, bold, size, true);
        for (List<String> row : rows) {
            if (y - ROW_HEIGHT < MARGIN) {
                newPage();
                tableRow(header, widths, scale, bold, size, true);
            }
            tableRow(row, widths, scale, regular, size, false);
        }
        y -= 4;
    }

    private void tableRow(List<String> cells, float[] widths, float scale, PDType1Font font, float size, boolean shade) {
        y -= ROW_HEIGHT;
        try {
            if (shade) {
                content.setNonStrokingColor(new Color(0xe8eef7));
                content.addRect(MARGIN, y - 3, width(), ROW_HEIGHT);
                content.fill();
                content.setNonStrokingColor(Color.BLACK);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float x = MARGIN;
        for (int i = 0; i < widths.length; i++) {
            float w = widths[i] * scale;
            String cell = i < cells.size() && cells.get(i) != null ? cells.get(i) : "";
            write(font, size, x + 2, y, fit(font, size, cell, w - 4));
            x += w;
        }
    }

    /** An image scaled to {@code widthPoints}, keeping its aspect. */
    void image(BufferedImage image, float widthPoints) {
        float height = widthPoints * image.getHeight() / image.getWidth();
        ensure(height + 6);
        try {
            PDImageXObject pdImage = LosslessFactory.createFromImage(document, image);
            y -= height + 4;
            content.drawImage(pdImage, MARGIN, y, widthPoints, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(OutputStream out) {
        try {
            content.close();
            content = null;
            document.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int pages() {
        return pages;
    }

    private void ensure(float height) {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    private void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
            pages++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(PDType1Font font, float size, float x, float atY, String text) {
        try {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, atY);
            content.showText(encodable(text));
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fit(PDType1Font font, float size, String text, float width) {
        String t = encodable(text);
        if (stringWidth(font, size, t) <= width) {
            return t;
        }
        while (!t.isEmpty() && stringWidth(font, size, t + "...") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    private static float stringWidth(PDType1Font font, float size, String text) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Latin-1 text as the standard fonts' WinAnsi encoding can show it. */
    static String encodable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\u2013' || c == '\u2014') {
                out.append('-');
            } else if (c == '\u00b7') {
                out.append(c);
            } else if (c < 0x20) {
                out.append(' ');
            } else if (c > 0xff) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            if (content != null) {
                content.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
