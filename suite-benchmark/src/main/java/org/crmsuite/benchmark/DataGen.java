package org.crmsuite.benchmark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generated data: customers (70 % Chinese names of random characters, 30 % Latin names of random syllables, so that
 * the duplicate check finds few unplanted twins), tickets, opportunities and ERP orders. Deterministic for a seed.
 */
public final class DataGen {

    private static final String[][] PLACES = {{"浙江省", "杭州市"}, {"上海市", "上海市"}, {"广东省", "深圳市"}, {"北京市", "北京市"},
            {"江苏省", "苏州市"}, {"四川省", "成都市"}, {"湖北省", "武汉市"}, {"山东省", "青岛市"}};
    private static final String[] INDUSTRIES = {"软件和信息技术服务业", "通用设备制造业", "批发业", "物流", "Industrial machinery", "Retail"};
    private static final String[] TIERS = {"STRATEGIC", "KEY", "STANDARD", "SMALL"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tor", "vex", "sun", "dar", "bel", "qu", "zen", "fi",
            "mar", "nor", "pax", "tel", "gro", "lin", "sol", "vin", "ard", "cor", "ix", "yo"};
    private static final String[] LEGAL = {"GmbH", "Ltd.", "Inc.", "S.A.", "B.V.", "Co., Ltd."};
    public static final String CSV_HEADER = "legalName,shortName,foreignCompany,industry,province,city,phone,email,valueTier,lifecycleStage,sourceChannel";

    private final long seed;

    public DataGen(long seed) {
        this.seed = seed;
    }

    /** The customer of this index, as the CSV import reads it (one line, no line break). */
    public String customerCsvLine(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        boolean latin = random.nextInt(10) < 3;
        String name = latin ? latinName(random) : chineseName(random);
        String[] place = PLACES[random.nextInt(PLACES.length)];
        String phone = String.format("139%08d", index % 100_000_000);
        return String.join(",", quote(name), quote(latin ? name.substring(0, name.indexOf(' ')) : name.substring(0, 4)),
                latin ? "true" : "false", quote(INDUSTRIES[random.nextInt(INDUSTRIES.length)]), latin ? "" : place[0], latin ? "" : place[1],
                phone, "c" + index + "@bench" + (index % 997) + ".example.cn", TIERS[random.nextInt(TIERS.length)], "PROSPECT", "API");
    }

    /** A whole CSV file of customers [from, to). */
    public String customersCsv(int from, int to) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = from; i < to; i++) {
            csv.append(customerCsvLine(i)).append('\n');
        }
        return csv.toString();
    }

    /** A customer registration (POST /api/v1/customers) with a unique name, for merges and freshness probes. */
    public static Map<String, Object> customerBody(String legalName, String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("legalName", legalName);
        body.put("foreignCompany", false);
        body.put("industry", "软件和信息技术服务业");
        body.put("province", "浙江省");
        body.put("city", "杭州市");
        body.put("phone", phone);
        body.put("valueTier", "STANDARD");
        body.put("lifecycleStage", "PROSPECT");
        body.put("sourceChannel", "API");
        body.put("createAnyway", true);
        return body;
    }

    public static String chineseName(Random random) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            name.append((char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
        }
        return name.append("有限公司").toString();
    }

    public static String latinName(Random random) {
        StringBuilder name = new StringBuilder();
        int parts = 3 + random.nextInt(2);
        for (int i = 0; i < parts; i++) {
            name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
        return name + " " + LEGAL[random.nextInt(LEGAL.length)];
    }

    public static Map<String, Object> ticketBody(String customerId, Random random) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        String[] types = {"INCIDENT", "REQUEST", "CONSULTATION", "COMPLAINT"};
        String[] channels = {"EMAIL", "PHONE", "WEB", "CHAT"};
        ticket.put("customerId", customerId);
        ticket.put("channel", channels[random.nextInt(channels.length)]);
        ticket.put("type", types[random.nextInt(types.length)]);
        ticket.put("category", "network/vpn");
        ticket.put("priority", "P" + (2 + random.nextInt(3)));
        ticket.put("subject", "基准测试工单 " + Integer.toHexString(random.nextInt()));
        ticket.put("description", "Benchmark ticket: the VPN disconnects every hour.");
        ticket.put("queue", "tier-1");
        return ticket;
    }

    public static Map<String, Object> opportunityBody(String customerId, Random random, String name) {
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("name", name);
        deal.put("customerId", customerId);
        deal.put("currency", "CNY");
        deal.put("expectedCloseDate", LocalDate.now().plusDays(30 + random.nextInt(300)).toString());
        deal.put("lineItems", List.of(Map.of("product", "工单模块", "quantity", 1 + random.nextInt(20), "unitPrice", "12000.00")));
        deal.put("competitors", List.of("纷享销客"));
        return deal;
    }

    /** The payload of erp.order.placed.v1 (integration guide) for a customer we gave the ERP our id of. */
    public static Map<String, Object> orderPlaced(String orderId, String customerId, Instant at, Random random) {
        List<Map<String, Object>> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int quantity = 1 + random.nextInt(40);
            BigDecimal lineTotal = new BigDecimal("860.00").multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
            total = total.add(lineTotal);
            lines.add(Map.of("product", "Industrial sensor pack (10)", "quantity", Integer.toString(quantity), "lineTotal", lineTotal.toPlainString()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("orderNumber", orderId);
        payload.put("customerId", customerId);
        payload.put("uscc", null);
        payload.put("amount", total.toPlainString());
        payload.put("currency", "CNY");
        payload.put("orderedAt", at.toString());
        payload.put("lines", lines);
        return payload;
    }

    public static String newOrderId(long number) {
        return "SO-B" + String.format("%09d", number) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
