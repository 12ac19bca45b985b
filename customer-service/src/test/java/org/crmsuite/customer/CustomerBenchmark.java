package org.crmsuite.customer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.crmsuite.customer.customer.CompanyNames;
import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.customer.customer.CustomerNameIndex;
import org.crmsuite.customer.customer.DuplicateCheck;
import org.crmsuite.customer.customer.MatchKeys;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's benchmark, not a test: run it alone with
 * {@code ./mvnw -B -o -Pbenchmark -pl customer-service test -Dtest=CustomerBenchmark}. Sizes by system property:
 * {@code crm.benchmark.customers} (base loaded with COPY, default 1,000,000), {@code crm.benchmark.import-rows} (the CSV
 * imported over HTTP on top, default 50,000), {@code crm.benchmark.queries} (search and duplicate lookups, default 500),
 * {@code crm.benchmark.requests} (creates and reads over HTTP, default 2,000) and {@code crm.benchmark.clients}
 * (concurrent HTTP clients, default 4). Writes {@code customer-service.md} to {@code crm.benchmark.report-dir}.
 */
@TestPropertySource(properties = {"crm.customer.quality-refresh-interval=PT24H", "crm.customer.duplicate-scan-interval=PT24H"})
class CustomerBenchmark extends ApiTestSupport {

    static final int CUSTOMERS = Integer.getInteger("crm.benchmark.customers", 1_000_000);
    static final int IMPORT_ROWS = Integer.getInteger("crm.benchmark.import-rows", 50_000);
    static final int QUERIES = Integer.getInteger("crm.benchmark.queries", 500);
    static final int REQUESTS = Integer.getInteger("crm.benchmark.requests", 2_000);
    static final int CLIENTS = Integer.getInteger("crm.benchmark.clients", 4);
    static final double NEAR_DUPLICATES = 0.05;
    /** A million-customer run takes longer than the test tokens' 15 minutes: these live for three hours. */
    static final String REP = org.crmsuite.platform.test.TestIssuer.get().token("rep", List.of("sales-rep"), List.of("/sales/east"),
            Duration.ofHours(3), Map.of());
    static final String STEWARD = org.crmsuite.platform.test.TestIssuer.get().token("steward", List.of("data-steward"),
            List.of("/data-office"), Duration.ofHours(3), Map.of());

    static final String[] CITIES = {"杭州", "上海", "深圳", "北京", "苏州", "宁波", "南京", "广州", "成都", "武汉", "西安", "重庆", "天津",
            "厦门", "青岛", "长沙", "合肥", "无锡", "佛山", "东莞", "温州", "嘉兴", "绍兴", "金华", "台州", "济南", "郑州", "昆明"};
    static final String[] PROVINCES = {"浙江省", "上海市", "广东省", "北京市", "江苏省", "浙江省", "江苏省", "广东省", "四川省", "湖北省",
            "陕西省", "重庆市", "天津市", "福建省", "山东省", "湖南省", "安徽省", "江苏省", "广东省", "广东省", "浙江省", "浙江省", "浙江省",
            "浙江省", "浙江省", "山东省", "河南省", "云南省"};
    static final String BRAND_CHARS = "云栖华星德信恒泰宏达嘉禾瑞丰鼎盛汇通博远君安天成金鹏鸿运新元明辉永康中和盛世同创凯旋立信致远"
            + "伟业兴隆富源海纳百川长青正阳光大锦程卓越英才奥林科迪思源润泽青松白鹭紫金银河星辰晨曦远航东方南山北辰西湖钱塘";
    static final String[] INDUSTRIES = {"科技", "信息技术", "网络科技", "电子", "机械制造", "物流", "医药", "食品", "建材", "新材料", "环保科技",
            "贸易", "实业", "投资管理", "文化传媒", "教育科技", "智能装备", "汽车零部件", "生物科技", "能源"};
    static final String[] SUFFIXES = {"有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司", "有限责任公司"};
    static final String[] SYLLABLES = {"ka", "lo", "ri", "ven", "tor", "mi", "sa", "de", "lan", "cor", "tex", "vi", "na", "ro", "gen",
            "al", "tri", "qu", "zen", "mar", "bel", "ox", "ly", "ter", "sol", "nex", "dor", "pha", "cy", "ion"};
    static final String[] LATIN_INDUSTRIES = {"Technologies", "Trading", "Logistics", "Software", "Electronics", "Medical", "Foods",
            "Materials", "Energy", "Consulting", "Robotics", "Packaging", "Textiles", "Analytics", "Systems"};
    static final String[] LATIN_SUFFIXES = {"Co., Ltd.", "Ltd.", "Inc.", "GmbH", "LLC", "Corporation", "Pte. Ltd."};

    @Autowired
    DataSource dataSource;
    @Autowired
    CustomerNameIndex nameIndex;
    @Autowired
    DuplicateCheck duplicates;
    @Autowired
    JsonMapper json;

    private final SplittableRandom random = new SplittableRandom(20261123);
    private final List<String> report = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    @Test
    void benchmark() throws Exception {
        Instant started = Instant.now();
        Path dir = Files.createTempDirectory("customer-benchmark");
        // 1. the base: N customers, 5 % near-duplicates of earlier ones, loaded with COPY (PostgreSQL's own bulk load)
        Path base = dir.resolve("base.csv");
        Path baseKeys = dir.resolve("base-keys.csv");
        List<String> sampleNames = new ArrayList<>();
        long keyRows = 0;
        long generateStart = System.nanoTime();
        try (BufferedWriter out = Files.newBufferedWriter(base, StandardCharsets.UTF_8);
             BufferedWriter keysOut = Files.newBufferedWriter(baseKeys, StandardCharsets.UTF_8)) {
            Instant now = Instant.now();
            for (int i = 0; i < CUSTOMERS; i++) {
                String name = i > 100 && random.nextDouble() < NEAR_DUPLICATES ? nearDuplicate(sampleNames.get(random.nextInt(sampleNames.size())))
                        : name();
                if (sampleNames.size() < 200_000) {
                    sampleNames.add(name);
                } else if (random.nextInt(10) == 0) {
                    sampleNames.set(random.nextInt(sampleNames.size()), name);
                }
                int city = random.nextInt(CITIES.length);
                UUID id = UUID.randomUUID();
                String normalised = CompanyNames.normalise(name);
                out.write(id + ",B-" + String.format(Locale.ROOT, "%07d", i) + "," + csv(name) + ","
                        + csv(normalised) + ",PROSPECT,STANDARD,ACTIVE,rep,/sales/east,0," + now + ",bench," + now
                        + ",bench," + PROVINCES[city] + "," + CITIES[city] + "市\n");
                for (long key : MatchKeys.of(normalised)) {
                    keysOut.write(key + "," + id + "\n");
                    keyRows++;
                }
            }
        }
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
        // The base is bulk-loaded as a data migration would be: the GIN indexes (trigram, bigram) and the key table's
        // primary key are built after the rows are in, which is far faster than maintaining them row by row.
        db.sql("DROP INDEX customer_name_trgm, customer_name_bigrams, customer_short_name_trgm").update();
        db.sql("ALTER TABLE customer_match_key DROP CONSTRAINT customer_match_key_pkey").update();
        long copyStart = System.nanoTime();
        long copied;
        try (Connection connection = dataSource.getConnection(); Reader in = Files.newBufferedReader(base, StandardCharsets.UTF_8)) {
            copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY customer (id, code, legal_name, name_normalised, lifecycle_stage, value_tier, status, owner_id, department,
                                   version, created_at, created_by, updated_at, updated_by, province, city) FROM STDIN (FORMAT csv)""", in);
        }
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        long keysStart = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Reader in = Files.newBufferedReader(baseKeys, StandardCharsets.UTF_8)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY customer_match_key (key, customer_id) FROM STDIN (FORMAT csv)", in);
        }
        double keysSeconds = (System.nanoTime() - keysStart) / 1e9;
        long indexStart = System.nanoTime();
        db.sql("ALTER TABLE customer_match_key ADD PRIMARY KEY (key, customer_id)").update();
        double keyIndexSeconds = (System.nanoTime() - indexStart) / 1e9;
        indexStart = System.nanoTime();
        db.sql("CREATE INDEX customer_name_trgm ON customer USING gin (name_normalised gin_trgm_ops)").update();
        db.sql("CREATE INDEX customer_name_bigrams ON customer USING gin (name_bigrams)").update();
        db.sql("CREATE INDEX customer_short_name_trgm ON customer USING gin (lower(short_name) gin_trgm_ops)").update();
        double ginSeconds = (System.nanoTime() - indexStart) / 1e9;
        db.sql("ANALYZE customer").update();
        db.sql("ANALYZE customer_match_key").update();
        double copyRate = copied / copySeconds;
        report.add("| Generating the base in Java (names, CSV, match keys) | " + fmt(CUSTOMERS) + " customers, " + fmt(keyRows) + " keys in "
                + secs(generateSeconds) + " | |");
        report.add("| PostgreSQL `COPY` of the base (btree indexes in place, GIN indexes built afterwards) | " + fmt(copied) + " rows in "
                + secs(copySeconds) + " | **" + fmt(copyRate) + " rows/s** |");
        report.add("| `COPY` of the base's match keys, then their primary key built | " + fmt(keyRows) + " rows in " + secs(keysSeconds)
                + ", index " + secs(keyIndexSeconds) + " | " + fmt(keyRows / keysSeconds) + " rows/s |");
        report.add("| Building the three GIN indexes (trigram, bigram, short-name trigram) on the base | " + secs(ginSeconds) + " | |");

        // 2. the CSV import over HTTP on top of the base: validation, standardisation, duplicate checks, events
        Path file = dir.resolve("import.csv");
        int expectedDuplicates = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("公司名称,统一社会信用代码,电话,省份,城市,行业,标签\n");
            for (int i = 0; i < IMPORT_ROWS; i++) {
                boolean duplicate = random.nextDouble() < NEAR_DUPLICATES;
                expectedDuplicates += duplicate ? 1 : 0;
                String name = duplicate ? nearDuplicate(sampleNames.get(random.nextInt(sampleNames.size()))) : name();
                int city = random.nextInt(CITIES.length);
                out.write(csv(name) + "," + (random.nextInt(3) == 0 ? uscc() : "") + "," + phone() + "," + PROVINCES[city] + ","
                        + CITIES[city] + "市," + INDUSTRIES[random.nextInt(INDUSTRIES.length)] + ",导入;benchmark\n");
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean importing = new AtomicBoolean(true);
        List<long[]> heapSamples = new ArrayList<>();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            long t0 = System.nanoTime();
            while (importing.get()) {
                long used = memory.getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                synchronized (heapSamples) {
                    heapSamples.add(new long[]{(System.nanoTime() - t0) / 1_000_000, used});
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long importStart = System.nanoTime();
        String importId = "benchmark-" + UUID.randomUUID();
        HttpResponse<String> imported = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/customers/imports/" + importId))
                .header("Authorization", "Bearer " + REP).header("Content-Type", "text/csv; charset=UTF-8")
                .timeout(Duration.ofHours(2)).POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        double importSeconds = (System.nanoTime() - importStart) / 1e9;
        importing.set(false);
        sampler.join();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        Map<?, ?> summary = json.readValue(imported.body(), Map.class);
        writeOutcomes(importId);
        double importRate = IMPORT_ROWS / importSeconds;
        long fileBytes = Files.size(file);
        report.add("| CSV import over HTTP (" + fmt(fileBytes / 1024 / 1024.0) + " MB, validation, standardisation, duplicate checks, "
                + "events, per-row report) | " + fmt(IMPORT_ROWS) + " rows in " + secs(importSeconds) + " | **" + fmt(importRate)
                + " rows/s** (" + pct(importRate / copyRate) + " of COPY) |");
        report.add("| Import outcome | created " + summary.get("created") + ", duplicates " + summary.get("duplicates") + " ("
                + expectedDuplicates + " near-duplicates planted), rejected " + summary.get("rejected") + " | |");
        long[] quarters = new long[4];
        synchronized (heapSamples) {
            long end = heapSamples.isEmpty() ? 1 : heapSamples.get(heapSamples.size() - 1)[0] + 1;
            for (long[] sample : heapSamples) {
                int q = (int) Math.min(3, sample[0] * 4 / end);
                quarters[q] = Math.max(quarters[q], sample[1]);
            }
        }
        report.add("| Heap while importing (whole JVM: server + benchmark; -Xmx " + mb(Runtime.getRuntime().maxMemory()) + ") | before "
                + mb(heapBefore) + ", peak " + mb(peak.get()) + "; peak per quarter of the import: " + mb(quarters[0]) + ", "
                + mb(quarters[1]) + ", " + mb(quarters[2]) + ", " + mb(quarters[3]) + " | " + (peak.get() < 512L * 1024 * 1024
                ? "under 512 MB" : "**over 512 MB**") + " |");

        // 3. fuzzy search and duplicate candidates at full size
        db.sql("ANALYZE customer").update();
        List<String> typos = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            typos.add(nearDuplicate(sampleNames.get(random.nextInt(sampleNames.size()))));
        }
        for (int i = 0; i < Math.min(20, QUERIES); i++) {
            nameIndex.matches(typos.get(i)); // warm up
        }
        long[] search = new long[QUERIES];
        int found = 0;
        for (int i = 0; i < QUERIES; i++) {
            long t = System.nanoTime();
            found += nameIndex.matches(typos.get(i)).isEmpty() ? 0 : 1;
            search[i] = System.nanoTime() - t;
        }
        report.add("| Fuzzy name search (`CustomerNameIndex`, a typo or another legal form of an existing name) | " + latencies(search)
                + " | " + pct((double) found / QUERIES) + " found something |");
        String plan = String.join(" / ", db.sql("""
                        EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) SELECT DISTINCT c.id, c.name_normalised, c.short_name
                        FROM customer_match_key k JOIN customer c ON c.id = k.customer_id WHERE k.key = ANY (CAST(:keys AS BIGINT[]))""")
                .param("keys", "{" + String.join(",", java.util.Arrays.stream(MatchKeys.of(CompanyNames.normalise(typos.get(0))))
                        .mapToObj(Long::toString).toList()) + "}")
                .query(String.class).list().stream().map(String::strip).toList());
        notes.add("EXPLAIN ANALYZE of the key lookup for \"" + typos.get(0) + "\": `" + plan + "`");
        long[] httpSearch = new long[Math.min(QUERIES, 200)];
        for (int i = 0; i < httpSearch.length; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/customers?size=20&q="
                    + java.net.URLEncoder.encode(typos.get(i), StandardCharsets.UTF_8))).header("Authorization", "Bearer " + STEWARD)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            httpSearch[i] = System.nanoTime() - t;
            assertThat(r.statusCode()).isEqualTo(200);
        }
        report.add("| The same over HTTP, `GET /api/v1/customers?q=` (ranked, filtered by record access, page of 20) | "
                + latencies(httpSearch) + " | |");
        long[] dup = new long[QUERIES];
        int flagged = 0;
        for (int i = 0; i < QUERIES; i++) {
            CustomerDetails details = CustomerDetails.standardise(new CustomerDetails(typos.get(i), null, null, false, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, false, null, false));
            long t = System.nanoTime();
            flagged += duplicates.candidates(details, null).isEmpty() ? 0 : 1;
            dup[i] = System.nanoTime() - t;
        }
        report.add("| Duplicate-candidate lookup (`DuplicateCheck.candidates`, name only) | " + latencies(dup) + " | "
                + pct((double) flagged / QUERIES) + " of near-duplicates flagged |");

        // 4. create and read throughput over HTTP, a few concurrent clients
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        double createRate = throughput(REQUESTS, i -> {
            String body = json.writeValueAsString(Map.of("legalName", name() + " " + UUID.randomUUID().toString().substring(0, 6),
                    "phone", phone(), "createAnyway", true));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/customers"))
                    .header("Authorization", "Bearer " + REP).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            created.add((String) json.readValue(r.body(), Map.class).get("id"));
        });
        report.add("| Create over HTTP (`POST /api/v1/customers` with duplicate check, history, outbox) | " + fmt(REQUESTS) + " requests, "
                + CLIENTS + " clients | **" + fmt(createRate) + " requests/s** |");
        List<UUID> ids = db.sql("SELECT id FROM customer TABLESAMPLE SYSTEM (1) LIMIT 5000").query(UUID.class).list();
        double readRate = throughput(REQUESTS, i -> {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/customers/"
                    + ids.get(i % ids.size()))).header("Authorization", "Bearer " + REP).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
        });
        report.add("| Read over HTTP (`GET /api/v1/customers/{id}`) | " + fmt(REQUESTS) + " requests, " + CLIENTS + " clients | **"
                + fmt(readRate) + " requests/s** |");

        write(started, copyRate, importRate, peak.get(), search, dup);
        try (var files = Files.list(dir)) {
            for (Path generated : files.toList()) {
                Files.deleteIfExists(generated); // the generated CSVs are ~0.8 GB at a million customers
            }
        }
        Files.deleteIfExists(dir);
    }

    /**
     * Every row's outcome with its candidates (codes, scores, reasons; the random ids left out) to
     * {@code crm.benchmark.outcomes-file} when set: two runs of the same seed and sizes must produce the same file, which
     * is how a faster import is shown to reach the same verdicts.
     */
    private void writeOutcomes(String importId) throws IOException {
        String target = System.getProperty("crm.benchmark.outcomes-file");
        if (target == null) {
            return;
        }
        List<String> lines = db.sql("""
                        SELECT row_number, outcome, legal_name, customer_code, candidates, errors FROM customer_import_row
                        WHERE import_id = :id ORDER BY row_number""").param("id", importId)
                .query((rs, n) -> rs.getInt(1) + "\t" + rs.getString(2) + "\t" + rs.getString(3) + "\t" + rs.getString(4) + "\t"
                        + (rs.getString(5) == null ? "" : rs.getString(5).replaceAll("\"id\":\"[0-9a-f-]{36}\",?", "")) + "\t"
                        + rs.getString(6))
                .list();
        Files.createDirectories(Path.of(target).toAbsolutePath().getParent());
        Files.write(Path.of(target), lines, StandardCharsets.UTF_8);
    }

    interface Call {
        void run(int i) throws Exception;
    }

    private double throughput(int requests, Call call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long t = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        call.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return requests / ((System.nanoTime() - t) / 1e9);
    }

    private void write(Instant started, double copyRate, double importRate, long peakHeap, long[] search, long[] dup) throws IOException {
        String dir = System.getProperty("crm.benchmark.report-dir");
        Path target = dir == null ? Path.of("target", "customer-service.md") : Path.of(dir, "customer-service.md");
        Files.createDirectories(target.getParent());
        long[] sortedSearch = search.clone();
        Arrays.sort(sortedSearch);
        long searchP95 = sortedSearch[(int) Math.min(sortedSearch.length - 1, Math.ceil(sortedSearch.length * 0.95) - 1)];
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StringBuilder md = new StringBuilder();
        md.append("# customer-service benchmark\n\n");
        md.append("`./mvnw -B -o -Pbenchmark -pl customer-service test -Dtest=CustomerBenchmark` (sizes: `-Dcrm.benchmark.customers=`, ")
                .append("`-Dcrm.benchmark.import-rows=`, `-Dcrm.benchmark.queries=`, `-Dcrm.benchmark.requests=`, `-Dcrm.benchmark.clients=`).\n\n");
        md.append("- Run: ").append(started).append(", ").append(secs(Duration.between(started, Instant.now()).toMillis() / 1000.0))
                .append(" in all\n");
        md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append(", heap max ")
                .append(mb(Runtime.getRuntime().maxMemory())).append(", load average at the end ").append(String.format(Locale.ROOT, "%.1f", load))
                .append(" (the machine is shared with other builds)\n");
        md.append("- Database: embedded PostgreSQL (zonky) on the same machine, fsync off; the service, the database, Kafka and the ")
                .append("benchmark client share the cores\n");
        md.append("- Sizes: ").append(fmt(CUSTOMERS)).append(" base customers (70 % Chinese, 30 % Latin names, 5 % near-duplicates), ")
                .append(fmt(IMPORT_ROWS)).append(" imported rows (5 % near-duplicates of the base), ").append(QUERIES).append(" queries, ")
                .append(REQUESTS).append(" HTTP requests per throughput run with ").append(CLIENTS).append(" clients\n\n");
        md.append("| What | Measured | Result |\n|---|---|---|\n");
        report.forEach(line -> md.append(line).append('\n'));
        md.append("\n## Targets\n\n");
        md.append("- Import at least 5,000 rows/s with duplicate checks: ").append(importRate >= 5000 ? "**met**" : "**missed**")
                .append(" (").append(fmt(importRate)).append(" rows/s)\n");
        md.append("- Heap flat under 512 MB while importing: ").append(peakHeap < 512L * 1024 * 1024 ? "**met**" : "**missed**")
                .append(" (peak ").append(mb(peakHeap)).append(")\n");
        md.append("- Fuzzy search p95 under 50 ms at ").append(fmt(CUSTOMERS)).append(" customers: ")
                .append(searchP95 / 1e6 < 50 ? "**met**" : "**missed**").append(" (p95 ").append(ms(searchP95)).append(")\n");
        md.append("\n## Notes\n\n");
        notes.forEach(note -> md.append("- ").append(note).append('\n'));
        md.append("\n<!-- notes by hand below -->\n");
        String existing = Files.exists(target) ? Files.readString(target) : "";
        int hand = existing.indexOf("<!-- notes by hand below -->");
        if (hand >= 0) {
            md.append(existing.substring(hand + "<!-- notes by hand below -->".length()).stripLeading());
        }
        Files.writeString(target, md.toString());
        System.out.println(md);
    }

    // ---- data ----

    private String name() {
        if (random.nextInt(10) < 7) {
            int city = random.nextInt(CITIES.length);
            StringBuilder brand = new StringBuilder();
            for (int i = 0; i < 2 + random.nextInt(2); i++) {
                brand.append(BRAND_CHARS.charAt(random.nextInt(BRAND_CHARS.length())));
            }
            return (random.nextBoolean() ? CITIES[city] : "") + brand + INDUSTRIES[random.nextInt(INDUSTRIES.length)]
                    + SUFFIXES[random.nextInt(SUFFIXES.length)];
        }
        StringBuilder brand = new StringBuilder();
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            brand.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        brand.setCharAt(0, Character.toUpperCase(brand.charAt(0)));
        return brand + " " + LATIN_INDUSTRIES[random.nextInt(LATIN_INDUSTRIES.length)] + " " + LATIN_SUFFIXES[random.nextInt(LATIN_SUFFIXES.length)];
    }

    /** The same company as people mistype it: one character changed, or another legal form. */
    private String nearDuplicate(String name) {
        boolean chinese = name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        if (random.nextBoolean()) {
            return chinese ? name.replaceFirst("(股份|集团|)有限(责任)?公司$", random.nextBoolean() ? "股份有限公司" : "有限责任公司")
                    : name.replaceFirst(" [^ ]+$", " Co., Ltd.").replace("Co., Co., Ltd.", "Inc.");
        }
        int at = random.nextInt(Math.max(1, Math.min(name.length() - 1, chinese ? name.length() - 4 : name.length() - 1)));
        char replacement = chinese ? BRAND_CHARS.charAt(random.nextInt(BRAND_CHARS.length())) : (char) ('a' + random.nextInt(26));
        return name.substring(0, at) + replacement + name.substring(at + 1);
    }

    private String phone() {
        return "1" + (3 + random.nextInt(6)) + String.format(Locale.ROOT, "%09d", random.nextInt(1_000_000_000));
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    // ---- formatting ----

    private static String latencies(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "p50 " + ms(at(sorted, 0.50)) + ", p95 " + ms(at(sorted, 0.95)) + ", p99 " + ms(at(sorted, 0.99)) + " (" + sorted.length
                + " queries)";
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * quantile) - 1))];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String secs(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String mb(long bytes) {
        return (bytes / 1024 / 1024) + " MB";
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
