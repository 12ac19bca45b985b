package org.crmsuite.customer.importing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.customer.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV export of the customers a user may see, in UTF-8 (with BOM) or GBK, safe to open in a spreadsheet. */
class CustomerExportApiTest extends ApiTestSupport {

    @Test
    void exportsVisibleCustomersAsSpreadsheetSafeCsv() {
        String uscc = uscc();
        Map<String, Object> body = new HashMap<>(Map.of("legalName", "导出测试, \"引号\" 有限公司", "uscc", uscc, "industry", "=cmd|' /C calc'!A0",
                "phone", "13800138000", "tags", List.of("甲", "乙"), "createAnyway", true));
        assertThat(post(REP, "/api/v1/customers", body).getStatusCode().value()).isEqualTo(201);

        ResponseEntity<byte[]> utf8 = http.get().uri("/api/v1/customers/export.csv?uscc=" + uscc)
                .header("Authorization", "Bearer " + REP).retrieve().toEntity(byte[].class);
        assertThat(utf8.getStatusCode().value()).isEqualTo(200);
        assertThat(utf8.getHeaders().getContentType().toString()).startsWith("text/csv");
        String csv = new String(utf8.getBody(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFcode,legalName,shortName,uscc,");
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("\"导出测试, \"\"引号\"\" 有限公司\"", uscc, ",'=cmd|' /C calc'!A0,", "+8613800138000", "乙;甲");

        ResponseEntity<byte[]> gbk = http.get().uri("/api/v1/customers/export.csv?encoding=GBK&uscc=" + uscc)
                .header("Authorization", "Bearer " + REP).retrieve().toEntity(byte[].class);
        assertThat(new String(gbk.getBody(), Charset.forName("GBK"))).startsWith("code,").contains("导出测试");

        byte[] other = http.get().uri("/api/v1/customers/export.csv?uscc=" + uscc)
                .header("Authorization", "Bearer " + REP_WEST).retrieve().toEntity(byte[].class).getBody();
        assertThat(new String(other, StandardCharsets.UTF_8).split("\r\n")).hasSize(1);
        assertThat(http.get().uri("/api/v1/customers/export.csv?encoding=EBCDIC").header("Authorization", "Bearer " + REP)
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(400);
    }
}
