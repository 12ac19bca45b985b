package org.crmsuite.customer.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 3: CSV import, streamed, checked row by row, idempotent and resumable by import id. */
@SuppressWarnings({"unchecked", "rawtypes"})
class CustomerImportApiTest extends ApiTestSupport {

    static final String IMPORTS = "/api/v1/customers/imports/";

    @Autowired
    CustomerImports imports;

    private ResponseEntity<Map> upload(String id, byte[] file, String contentType, String query) {
        return http.post().uri(IMPORTS + id + (query == null ? "" : "?" + query))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + REP).contentType(MediaType.parseMediaType(contentType))
                .body(file).retrieve().toEntity(Map.class);
    }

    private ResponseEntity<Map> upload(String id, String csv) {
        return upload(id, csv.getBytes(StandardCharsets.UTF_8), "text/csv", null);
    }

    private List<Map<String, Object>> rows(String id, String outcome) {
        return items(get(REP, IMPORTS + id + "/rows?size=200" + (outcome == null ? "" : "&outcome=" + outcome)));
    }

    private long importRows(String id) {
        return db.sql("SELECT count(*) FROM customer_import_row WHERE import_id = :id").param("id", id).query(Long.class).single();
    }

    /** A company name that is not similar to any other this test makes. */
    static String randomChineseName() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            name.append((char) ThreadLocalRandom.current().nextInt(0x4E00, 0x9FA5));
        }
        return name + "有限公司";
    }

    static String id() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void importsGoodRowsReportsDuplicatesAndRejectsBadOnes() {
        String existing = randomChineseName();
        assertThat(post(REP, "/api/v1/customers", Map.of("legalName", existing)).getStatusCode().value()).isEqualTo(201);
        String first = randomChineseName();
        String second = randomChineseName();
        String injection = randomChineseName() + "' OR '1'='1";
        String uscc = uscc();
        String csv = "\uFEFF公司名称,统一社会信用代码,电话,省份,城市,标签,备注\r\n"
                + first + "," + uscc + ",0571-88886666,浙江省,杭州市,重点客户;SaaS,\r\n"
                + existing.replace("有限公司", "股份有限公司") + ",,,,,,\r\n"       // duplicate of a customer in the database
                + first + ",,,,,,\r\n"                                              // duplicate of row 1 of this file
                + second + ",91330106MA27XY812X,,,,,\r\n"                           // wrong check character
                + "\"" + randomChineseName() + "\u0007\",,,,,,\r\n"                 // control character
                + "\"" + injection + "\",,,,,,\"<script>alert(1)</script>\"\r\n"
                + "broken\"quote有限公司,,,,,,\r\n"
                + "too,few\r\n"
                + "\r\n"
                + ",,13800138000,,,,\r\n";                                           // no name
        String id = id();
        ResponseEntity<Map> report = upload(id, csv);
        assertThat(report.getStatusCode().value()).isEqualTo(200);
        assertThat(report.getBody()).as(String.valueOf(rows(id, null))).containsEntry("status", "COMPLETED").containsEntry("rowsProcessed", 9)
                .containsEntry("created", 2).containsEntry("duplicates", 2).containsEntry("rejected", 5)
                .containsEntry("encoding", "UTF-8");
        assertThat((List<String>) report.getBody().get("ignoredColumns")).containsExactly("备注");

        List<Map<String, Object>> all = rows(id, null);
        assertThat(all).extracting(r -> r.get("outcome")).containsExactly("CREATED", "DUPLICATE", "DUPLICATE", "REJECTED",
                "REJECTED", "CREATED", "REJECTED", "REJECTED", "REJECTED");
        Map<String, Object> created = all.get(0);
        Map<String, Object> customer = get(REP, "/api/v1/customers/" + created.get("customerId")).getBody();
        assertThat(customer).containsEntry("legalName", first).containsEntry("uscc", uscc).containsEntry("phone", "+8657188886666")
                .containsEntry("code", created.get("customerCode"));
        assertThat((List<String>) customer.get("tags")).containsExactlyInAnyOrder("重点客户", "SaaS");
        assertThat((List<Map<String, Object>>) all.get(1).get("candidates")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("name", existing).containsKeys("id", "code", "score", "reasons"));
        assertThat((List<Map<String, Object>>) all.get(2).get("candidates")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("id", created.get("customerId")));
        assertThat((List<Map<String, Object>>) all.get(3).get("errors")).extracting(e -> e.get("field")).containsExactly("uscc");
        assertThat((List<Map<String, Object>>) all.get(4).get("errors")).extracting(e -> e.get("field")).containsExactly("legalName");
        assertThat(all.get(5)).containsEntry("legalName", injection);
        assertThat((List<Map<String, Object>>) all.get(6).get("errors")).singleElement()
                .satisfies(e -> assertThat((String) e.get("reason")).contains("broken quoting"));
        assertThat((List<Map<String, Object>>) all.get(7).get("errors")).extracting(e -> e.get("field")).containsExactly("row");
        assertThat(all.get(8)).containsEntry("row", 9).containsEntry("line", 11L > 0 ? 11 : 0);
        assertThat(rows(id, "REJECTED")).hasSize(5);

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            assertThat(probe.awaitEvent("crm.customer.created.v1", (String) created.get("customerId")).text("legalName")).isEqualTo(first);
            probe.assertAllMatchTheirSchemas();
        }

        // the same import again: its report, nothing new
        long customers = count("customer");
        ResponseEntity<Map> again = upload(id, csv);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).containsEntry("created", 2).containsEntry("rowsProcessed", 9).containsEntry("attempts", 1);
        assertThat(count("customer")).isEqualTo(customers);
        assertThat(importRows(id)).isEqualTo(9);
    }

    @Test
    void copiedCustomersReadBackExactlyWithTheirAuditFields() {
        // the import writes customers with COPY: its text format's escapes (backslash, \N) must survive as typed
        String name = randomChineseName();
        String street = "文三路\\N 1号 C:\\temp\\";
        String csv = "公司名称,地址,标签\r\n" + name + "," + street + ",重点客户\r\n";
        String importId = id();
        ResponseEntity<Map> report = upload(importId, csv);
        assertThat(report.getBody()).as(String.valueOf(rows(importId, null))).containsEntry("created", 1);
        Map<String, Object> row = rows(importId, null).getFirst();
        ResponseEntity<Map> read = get(REP, "/api/v1/customers/" + row.get("customerId"));
        assertThat(read.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(read.getBody()).containsEntry("legalName", name).containsEntry("street", street).containsEntry("version", 0)
                .containsEntry("status", "ACTIVE").containsKeys("createdAt", "createdBy", "updatedAt", "updatedBy");
        assertThat(read.getBody().get("createdBy")).isNotNull();
        assertThat(read.getBody().get("createdAt")).isNotNull();
        assertThat((List<String>) read.getBody().get("tags")).containsExactly("重点客户");
        // its history, match keys and row outcome are copied too (the same escapes)
        assertThat(items(get(REP, "/api/v1/customers/" + row.get("customerId") + "/history"))).anySatisfy(entry -> assertThat(entry)
                .containsEntry("field", "street").containsEntry("to", street).containsEntry("changedBy", read.getBody().get("createdBy")));
        assertThat(row).containsEntry("legalName", name).containsEntry("outcome", "CREATED");
        assertThat(items(get(REP, "/api/v1/customers?q=" + name))).anySatisfy(found -> assertThat(found)
                .containsEntry("id", row.get("customerId")));
    }

    @Test
    void aGbkFileWithAMapping() {
        String name = randomChineseName();
        byte[] gbk = ("客户全称,联系电话,城市\n" + name + ",021-62345678,上海市\n").getBytes(Charset.forName("GBK"));
        String id = id();
        ResponseEntity<Map> report = upload(id, gbk, "text/csv; charset=GBK", "mapping=客户全称=legalName,联系电话=phone");
        assertThat(report.getStatusCode().value()).isEqualTo(200);
        assertThat(report.getBody()).containsEntry("created", 1).containsEntry("encoding", "GBK");
        assertThat((Map<String, Object>) report.getBody().get("columns")).containsEntry("legalName", "客户全称")
                .containsEntry("phone", "联系电话").containsEntry("city", "城市");
        Map<String, Object> row = rows(id, "CREATED").get(0);
        assertThat(get(REP, "/api/v1/customers/" + row.get("customerId")).getBody()).containsEntry("legalName", name)
                .containsEntry("phone", "+862162345678").containsEntry("city", "上海市");

        // the same bytes declared as UTF-8: refused before anything is written
        String wrong = id();
        ResponseEntity<Map> refused = upload(wrong, gbk, "text/csv", null);
        assertThat(refused.getStatusCode().value()).isEqualTo(415);
        assertThat(refused.getBody()).containsEntry("type", "urn:crm:problem:unsupported-media-type");
        assertThat(get(REP, IMPORTS + wrong).getStatusCode().value()).isEqualTo(404);
        // the query parameter wins over the content type
        assertThat(upload(id(), gbk, "text/csv; charset=UTF-8", "encoding=GBK&mapping=客户全称=legalName").getBody())
                .containsEntry("duplicates", 1);
    }

    @Test
    void badFilesAreRefusedBeforeAnyRowIsWritten() {
        long imports = count("customer_import");
        ResponseEntity<Map> empty = upload(id(), new byte[0], "text/csv", null);
        assertThat(empty.getStatusCode().value()).isEqualTo(400);
        assertThat(empty.getBody()).containsEntry("type", "urn:crm:problem:validation-failed");

        ResponseEntity<Map> noName = upload(id(), "电话,邮箱\n13800138000,a@b.cn\n");
        assertThat(noName.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(noName)).containsExactly("legalName");

        assertThat(upload(id(), "名字\n某公司\n".getBytes(StandardCharsets.UTF_8), "text/csv", "mapping=名字=name")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(upload(id(), "legalName\nx\n".getBytes(StandardCharsets.UTF_8), "application/json", null)
                .getStatusCode().value()).isEqualTo(415);
        assertThat(upload(id(), "legalName\nx\n".getBytes(StandardCharsets.UTF_8), "text/csv", "encoding=BIG5")
                .getStatusCode().value()).isEqualTo(415);
        assertThat(upload("bad id!", "legalName\nx\n").getStatusCode().value()).isEqualTo(400);
        assertThat(count("customer_import")).isEqualTo(imports);

        ResponseEntity<Map> readOnly = http.post().uri(IMPORTS + id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + ANALYST)
                .contentType(MediaType.parseMediaType("text/csv")).body("legalName\nx\n").retrieve().toEntity(Map.class);
        assertThat(readOnly.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aTenMegabyteFieldRejectsItsRowOnly() {
        StringBuilder csv = new StringBuilder("legalName,industry\n");
        csv.append(randomChineseName()).append(",\"").append("X".repeat(10 * 1024 * 1024)).append("\"\n");
        String fine = randomChineseName();
        csv.append(fine).append(",软件\n");
        String id = id();
        ResponseEntity<Map> report = upload(id, csv.toString());
        assertThat(report.getStatusCode().value()).isEqualTo(200);
        assertThat(report.getBody()).containsEntry("created", 1).containsEntry("rejected", 1);
        assertThat((List<Map<String, Object>>) rows(id, "REJECTED").get(0).get("errors")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("field", "industry").containsEntry("reason", "longer than 4000 characters"));
    }

    @Test
    void anInterruptedImportContinuesAfterItsLastCommittedBatch() throws IOException {
        int size = 130; // batches of 50: two commit, the third breaks off
        StringBuilder csv = new StringBuilder("legalName,city,备注\n");
        for (int i = 0; i < size; i++) { // a long ignored column takes the file beyond the encoding check's first 64 KB
            csv.append(randomChineseName()).append(",杭州市,").append("备注".repeat(100)).append(i).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        String id = id();
        long customers = count("customer");
        long events = count("outbox_event");
        CurrentUser rep = new CurrentUser("rep", "Rep", null, null, Set.of("sales-rep"), Set.of("/sales/east"));
        int breakAt = (int) (file.length * 0.95);
        InputStream breaking = new ByteArrayInputStream(file, 0, breakAt) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n == -1) {
                    throw new java.io.UncheckedIOException(new IOException("connection reset"));
                }
                return n;
            }
        };
        assertThatThrownBy(() -> imports.run(id, breaking, StandardCharsets.UTF_8, null, rep, 50)).hasMessageContaining("connection reset");

        Map<String, Object> interrupted = get(REP, IMPORTS + id).getBody();
        assertThat(interrupted).containsEntry("status", "RUNNING").containsEntry("rowsProcessed", 100).containsEntry("created", 100);
        assertThat(count("customer")).isEqualTo(customers + 100);
        assertThat(importRows(id)).isEqualTo(100);

        ResponseEntity<Map> resumed = upload(id, file, "text/csv", null);
        assertThat(resumed.getStatusCode().value()).isEqualTo(200);
        assertThat(resumed.getBody()).containsEntry("status", "COMPLETED").containsEntry("rowsProcessed", size)
                .containsEntry("created", size).containsEntry("attempts", 2);
        assertThat(count("customer")).isEqualTo(customers + size);
        assertThat(count("outbox_event") - events).isEqualTo(2L * size); // crm.customer.created.v1 and quality-scored.v1, once per row
        assertThat(db.sql("SELECT count(DISTINCT row_number) FROM customer_import_row WHERE import_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(size);
    }
}
