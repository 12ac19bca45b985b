package org.crmsuite.customer.importing;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @Test
    void quotesWhatNeedsQuotingAndDefusesFormulas() {
        assertThat(CsvCells.line(Arrays.asList("plain", null, "a,b", "say \"hi\"", "two\nlines", 42)))
                .isEqualTo("plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",42\r\n");
        assertThat(CsvCells.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("-1+2")).isEqualTo("'-1+2");
        assertThat(CsvCells.cell("+8613812345678")).isEqualTo("+8613812345678");
        assertThat(CsvCells.cell("杭州云栖科技有限公司")).isEqualTo("杭州云栖科技有限公司");
    }
}
