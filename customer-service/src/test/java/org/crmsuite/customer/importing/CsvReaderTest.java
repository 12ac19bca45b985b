package org.crmsuite.customer.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReaderTest {

    private static List<CsvReader.Record> read(String csv) throws IOException {
        return read(new StringReader(csv), 20);
    }

    private static List<CsvReader.Record> read(Reader in, int maxField) throws IOException {
        CsvReader reader = new CsvReader(in, maxField, 10);
        List<CsvReader.Record> records = new ArrayList<>();
        CsvReader.Record record;
        while ((record = reader.next()) != null) {
            records.add(record);
        }
        return records;
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        List<CsvReader.Record> records = read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n");
        assertThat(records).hasSize(4);
        assertThat(records.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(records.get(1).fields()).containsExactly("x, y", "say \"hi\"", "two\nlines");
        assertThat(records.get(1).problems()).isEmpty();
        assertThat(records.get(2).blank()).isTrue();
        assertThat(records.get(3).fields()).containsExactly("last", "", "");
        assertThat(records.get(3).line()).isEqualTo(5);
    }

    @Test
    void brokenQuotingIsReportedOnItsRecordAndReadingGoesOn() throws IOException {
        List<CsvReader.Record> records = read("ab\"c,d\n\"x\"y,z\nok,fine\n\"never closed,q\nmore\n");
        assertThat(records.get(0).problems()).extracting(CsvReader.Problem::reason).containsExactly("a quote inside an unquoted field (broken quoting)");
        assertThat(records.get(1).problems()).extracting(CsvReader.Problem::reason).containsExactly("text after the closing quote (broken quoting)");
        assertThat(records.get(2).problems()).isEmpty();
        assertThat(records.get(2).fields()).containsExactly("ok", "fine");
        assertThat(records).hasSize(4);
        assertThat(records.get(3).problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("not closed"));
    }

    @Test
    void aHugeFieldIsSkippedNotKept() throws IOException {
        // 10 MB of one field, streamed: the reader keeps at most maxField characters of it
        Reader huge = new Reader() {
            long left = 10L * 1024 * 1024;
            final String tail = ",x\nnext,row\n";
            int tailAt;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (left == 0) {
                    if (tailAt == tail.length()) {
                        return -1;
                    }
                    int n = Math.min(length, tail.length() - tailAt);
                    tail.getChars(tailAt, tailAt + n, buffer, offset);
                    tailAt += n;
                    return n;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, 'A');
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        List<CsvReader.Record> records = read(huge, 1000);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isZero();
            assertThat(p.reason()).isEqualTo("longer than 1000 characters");
        });
        assertThat(records.get(0).fields().get(0)).isEmpty();
        assertThat(records.get(1).fields()).containsExactly("next", "row");
    }

    @Test
    void tooManyFieldsAreReported() throws IOException {
        List<CsvReader.Record> records = read("1,2,3,4,5,6,7,8,9,10,11,12\n");
        assertThat(records.get(0).problems()).extracting(CsvReader.Problem::reason).containsExactly("more than 10 fields");
    }
}
