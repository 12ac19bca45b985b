package org.crmsuite.customer.importing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One CSV line (RFC 4180) from cell values, safe to open in a spreadsheet: a cell that a spreadsheet would run as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @} first) gets a leading apostrophe (OWASP's advice against CSV
 * injection), except phone numbers in E.164, which are data, not formulas.
 */
public final class CsvCells {

    private static final Pattern PHONE = Pattern.compile("^\\+[0-9]{7,15}$");

    public static String line(List<?> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !PHONE.matcher(text).matches()) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private CsvCells() {
    }
}
