package org.crmsuite.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text parsers: /proc/pid/stat, jfr print, the generated CSV. */
class ParsersTest {

    @Test
    void readsUserAndSystemTicksEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "1234 (java (main) x) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 100 1000 200";
        assertThat(ProcStats.parseCpuTicks(stat)).isEqualTo(300);
    }

    @Test
    void summarisesJfrExecutionSamples() {
        String printed = """
                jdk.ExecutionSample {
                  startTime = 18:20:01.123 (2026-11-23)
                  sampledThread = "http-nio-8081-exec-1" (javaThreadId = 45)
                  state = "STATE_RUNNABLE"
                  stackTrace = [
                    java.util.regex.Pattern$Curly.match(Matcher, int, CharSequence) line: 4300
                    org.crmsuite.customer.dedup.CustomerNameIndex.candidates(String) line: 88
                    org.crmsuite.customer.customer.CustomerResource.search(String) line: 12
                    ...
                  ]
                }

                jdk.ExecutionSample {
                  stackTrace = [
                    org.postgresql.core.PGStream.receive(int) line: 10
                    org.crmsuite.customer.dedup.CustomerNameIndex.candidates(String) line: 90
                  ]
                }

                jdk.ExecutionSample {
                  stackTrace = [
                    java.util.regex.Pattern$Curly.match(Matcher, int, CharSequence) line: 4301
                  ]
                }
                """;
        JfrProfile.Summary summary = JfrProfile.summarise(printed, 10);
        assertThat(summary.samples()).isEqualTo(3);
        assertThat(summary.selfFrames()).containsEntry("java.util.regex.Pattern$Curly.match(Matcher, int, CharSequence)", 2)
                .containsEntry("org.postgresql.core.PGStream.receive(int)", 1);
        assertThat(summary.selfFrames().keySet().iterator().next()).startsWith("java.util.regex");
        assertThat(summary.appFrames()).containsEntry("org.crmsuite.customer.dedup.CustomerNameIndex.candidates(String)", 2)
                .containsEntry("org.crmsuite.customer.customer.CustomerResource.search(String)", 1);
        assertThat(summary.packages()).containsEntry("java.util.regex", 2).containsEntry("org.postgresql.core", 1);
    }

    @Test
    void generatesDistinctCustomersWithTheImportHeader() {
        DataGen gen = new DataGen(11);
        String csv = gen.customersCsv(0, 100);
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo(DataGen.CSV_HEADER);
        assertThat(lines).hasSize(101).doesNotHaveDuplicates();
        assertThat(gen.customerCsvLine(5)).isEqualTo(new DataGen(11).customerCsvLine(5)); // deterministic
        for (int i = 1; i < lines.length; i++) {
            // 11 columns: quoted fields hold no comma
            assertThat(lines[i].replaceAll("\"[^\"]*\"", "x").split(",", -1)).hasSize(11);
        }
    }
}
