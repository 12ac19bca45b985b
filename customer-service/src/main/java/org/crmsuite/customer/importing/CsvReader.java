package org.crmsuite.customer.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader (comma, double quotes, CRLF or LF) that never holds more than one record: a field
 * longer than {@code maxField} characters is skipped to its end and reported instead of kept, and broken quoting is
 * reported on the record it breaks rather than thrown, so an import can reject that row and go on. A quoted field
 * that is never closed runs to the end of the file, as in every CSV reader; it is reported there.
 */
final class CsvReader {

    /** One record: its fields and, when something was wrong with it, the problems (column index or -1 for the record). */
    record Record(long line, List<String> fields, List<Problem> problems) {

        boolean blank() {
            return problems.isEmpty() && fields.size() == 1 && fields.get(0).isEmpty();
        }
    }

    record Problem(int column, String reason) {
    }

    private final Reader in;
    private final int maxField;
    private final int maxFields;
    private int pushedBack = -2;
    private long line = 1;

    CsvReader(Reader in, int maxField, int maxFields) {
        this.in = in;
        this.maxField = maxField;
        this.maxFields = maxFields;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    /** The next record, or null at the end of the input. */
    Record next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        pushedBack = c;
        long startLine = line;
        List<String> fields = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean tooLong = false;
        while (true) {
            // start of a field
            field.setLength(0);
            tooLong = false;
            c = read();
            int column = fields.size();
            boolean endOfRecord;
            if (c == '"') {
                boolean closed = false;
                while (true) {
                    c = read();
                    if (c == -1) {
                        break;
                    }
                    if (c == '"') {
                        int next = read();
                        if (next == '"') {
                            tooLong |= append(field, '"');
                            continue;
                        }
                        pushedBack = next;
                        closed = true;
                        break;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    tooLong |= append(field, (char) c);
                }
                if (!closed) {
                    problems.add(new Problem(-1, "a quoted field is not closed (broken quoting): it runs from line " + startLine
                            + " to the end of the file"));
                    endOfRecord = true;
                    c = -1;
                } else {
                    c = read();
                    if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        problems.add(new Problem(column, "text after the closing quote (broken quoting)"));
                        while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                            tooLong |= append(field, (char) c);
                            c = read();
                        }
                    }
                    endOfRecord = c != ',';
                }
            } else {
                boolean strayQuote = false;
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    strayQuote |= c == '"';
                    tooLong |= append(field, (char) c);
                    c = read();
                }
                if (strayQuote) {
                    problems.add(new Problem(column, "a quote inside an unquoted field (broken quoting)"));
                }
                endOfRecord = c != ',';
            }
            if (tooLong) {
                problems.add(new Problem(column, "longer than " + maxField + " characters"));
                field.setLength(0);
            }
            if (fields.size() < maxFields) {
                fields.add(field.toString());
            } else if (fields.size() == maxFields) {
                problems.add(new Problem(-1, "more than " + maxFields + " fields"));
                fields.add("");
            }
            if (endOfRecord) {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        pushedBack = next;
                    }
                }
                if (c == '\r' || c == '\n') {
                    line++;
                }
                return new Record(startLine, fields, problems);
            }
        }
    }

    /** Appends unless the field is already at its limit; true when the character was dropped. */
    private boolean append(StringBuilder field, char c) {
        if (field.length() >= maxField) {
            return true;
        }
        field.append(c);
        return false;
    }
}
