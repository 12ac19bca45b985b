package org.crmsuite.localstack.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import tools.jackson.databind.JsonNode;

/**
 * A sales quarter in miniature: the marketer's campaign (launched, with members, responses and its actual cost), the
 * rep's leads from it (new, qualified, disqualified, and two converted: one linked to the known 杭州云栖科技, one that
 * becomes a new customer), a pipeline with deals in progress, one won and one lost, and the activities around them
 * (a visit with a reminder, a call, and a follow-up plan for the strategic customer 上海浦东智造). Needs the customer
 * demo data first.
 */
final class SalesDemoData implements DemoData {

    private static final String SALES = "/api/v1/sales";
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private Versioned versioned;

    @Override
    public String description() {
        return "a campaign, leads (two converted), a pipeline with won and lost deals, and activities";
    }

    @Override
    public void load(DemoApi api) {
        versioned = new Versioned(api);
        LocalDate today = LocalDate.now(BUSINESS_ZONE);

        // Marketing plans and launches a campaign.
        JsonNode campaign = api.post("marketer", SALES + "/campaigns", map("name", "2026 长三角智能制造峰会", "type", "EVENT",
                "channel", "trade show", "targetSegment", "制造业 / 华东", "budget", "80000.00", "actualCost", "0.00",
                "startsOn", today.minusDays(20).toString(), "endsOn", today.plusDays(40).toString()));
        String campaignId = campaign.get("id").asString();
        campaign = versioned.send("marketer", "POST", SALES + "/campaigns/" + campaignId + "/launch", campaign, null);

        // The rep's leads from the summit.
        JsonNode yunqiLead = qualified(api, lead(api, "杭州云栖科技有限公司", "张伟", "采购经理", "+86 138 1234 5678", "zhang.wei@yunqi.example.cn", 80, campaignId));
        JsonNode suzhouLead = qualified(api, lead(api, "苏州精密机械有限公司", "周敏", "设备部经理", "+86 137 5555 0101", "zhou.min@szjm.example.cn", 75, campaignId));
        JsonNode wuxiLead = lead(api, "无锡华光电子有限公司", "吴刚", "IT 主管", "+86 139 6666 0202", "wu.gang@whge.example.cn", 55, campaignId);
        versioned.send("rep", "PUT", SALES + "/leads/" + wuxiLead.get("id").asString() + "/status", wuxiLead, map("status", "CONTACTED"));
        JsonNode ningbo = lead(api, "宁波港联物流有限公司", "郑洁", "运营总监", "+86 135 7777 0303", "zheng.jie@nbgl.example.cn", 30, campaignId);
        versioned.send("rep", "PUT", SALES + "/leads/" + ningbo.get("id").asString() + "/status", ningbo,
                map("status", "DISQUALIFIED", "reason", "今年无预算 / no budget this year"));
        lead(api, "常州新材料有限公司", "孙丽", "采购专员", "+86 136 8888 0404", "sun.li@czxcl.example.cn", 40, null);

        // Two conversions: the known company is linked, the new one becomes a customer; each opens a deal.
        JsonNode yunqi = versioned.send("rep", "POST", SALES + "/leads/" + yunqiLead.get("id").asString() + "/conversion", yunqiLead,
                map("opportunity", map("name", "云栖科技 CRM 升级", "amount", "260000.00", "currency", "CNY",
                        "expectedCloseDate", today.plusDays(45).toString())));
        versioned.send("rep", "POST", SALES + "/leads/" + suzhouLead.get("id").asString() + "/conversion", suzhouLead,
                map("customer", map("province", "江苏省", "city", "苏州市", "industry", "通用设备制造业"),
                        "opportunity", map("name", "苏州精密 MES 一期", "amount", "180000.00", "expectedCloseDate", today.plusDays(60).toString())));

        // Marketing records who came and what the summit cost.
        for (JsonNode lead : List.of(yunqiLead, suzhouLead, wuxiLead)) {
            JsonNode member = api.post("marketer", SALES + "/campaigns/" + campaignId + "/members", map("leadId", lead.get("id").asString()));
            api.post("marketer", SALES + "/campaigns/" + campaignId + "/responses", map("memberId", member.get("id").asString(), "kind", "ATTENDED"));
        }
        versioned.send("marketer", "PUT", SALES + "/campaigns/" + campaignId + "/actual-cost", campaign, map("actualCost", "36000.00"));

        // The pipeline: a won deal (from the summit), a lost one, one in proposal, one just qualified.
        String pudong = customerId(api, "上海浦东智造股份有限公司");
        String beijing = customerId(api, "北京中关村数据服务有限公司");
        String yunqiCustomer = yunqi.get("customerId").asString();
        JsonNode won = deal(api, "浦东智造 全渠道客服", pudong, today.plusDays(10), campaignId,
                List.of(item("CRM 企业版席位", 50, "1800.00"), item("实施服务", 1, "60000.00")));
        won = versioned.send("rep", "PUT", SALES + "/opportunities/" + won.get("id").asString() + "/stage", won, map("stage", "proposal"));
        won = versioned.send("rep", "PUT", SALES + "/opportunities/" + won.get("id").asString() + "/stage", won, map("stage", "negotiation"));
        versioned.send("rep", "PUT", SALES + "/opportunities/" + won.get("id").asString() + "/stage", won, map("stage", "won", "reason", "方案与价格最优"));
        JsonNode lost = deal(api, "中关村数据 BI 看板", beijing, today.plusDays(20), null, List.of(item("BI 模块", 1, "90000.00")));
        versioned.send("rep", "PUT", SALES + "/opportunities/" + lost.get("id").asString() + "/stage", lost,
                map("stage", "lost", "reason", "竞品报价低 20% / competitor 20% cheaper"));
        JsonNode proposal = deal(api, "浦东智造 服务工单二期", pudong, today.plusDays(30), null, List.of(item("工单模块", 1, "120000.00")));
        versioned.send("rep", "PUT", SALES + "/opportunities/" + proposal.get("id").asString() + "/stage", proposal, map("stage", "proposal"));

        // Activities around them.
        Instant tomorrowMorning = today.plusDays(1).atTime(10, 0).atZone(BUSINESS_ZONE).toInstant();
        api.post("rep", SALES + "/activities", map("type", "VISIT", "subject", "拜访云栖科技采购部：确认升级范围", "customerId", yunqiCustomer,
                "dueAt", tomorrowMorning.toString(), "remindAt", tomorrowMorning.minus(2, ChronoUnit.HOURS).toString()));
        api.post("rep", SALES + "/activities", map("type", "CALL", "subject", "回访无锡华光：预算确认", "leadId", wuxiLead.get("id").asString(),
                "dueAt", tomorrowMorning.plus(4, ChronoUnit.HOURS).toString()));
        api.post("rep", SALES + "/follow-up-plans", map("customerId", pudong, "subject", "浦东智造 双周回访", "every", 2, "unit", "WEEKS",
                "firstVisitAt", today.plusDays(3).atTime(14, 0).atZone(BUSINESS_ZONE).toInstant().toString()));
    }

    private JsonNode lead(DemoApi api, String company, String name, String title, String phone, String email, int score, String campaignId) {
        Map<String, Object> lead = map("company", company, "contactName", name, "contactTitle", title, "contactPhone", phone,
                "contactEmail", email, "source", campaignId == null ? "REFERRAL" : "CAMPAIGN", "score", score);
        if (campaignId != null) {
            lead.put("campaignId", campaignId);
        }
        return api.post("rep", SALES + "/leads", lead);
    }

    private JsonNode qualified(DemoApi api, JsonNode lead) {
        String path = SALES + "/leads/" + lead.get("id").asString() + "/status";
        JsonNode contacted = versioned.send("rep", "PUT", path, lead, map("status", "CONTACTED"));
        return versioned.send("rep", "PUT", path, contacted, map("status", "QUALIFIED"));
    }

    private static JsonNode deal(DemoApi api, String name, String customerId, LocalDate close, String campaignId, List<Map<String, Object>> items) {
        Map<String, Object> deal = map("name", name, "customerId", customerId, "currency", "CNY", "expectedCloseDate", close.toString(),
                "lineItems", items, "competitors", List.of("纷享销客"));
        if (campaignId != null) {
            deal.put("campaignId", campaignId);
        }
        return api.post("rep", SALES + "/opportunities", deal);
    }

    private static Map<String, Object> item(String product, int quantity, String unitPrice) {
        return map("product", product, "quantity", quantity, "unitPrice", unitPrice);
    }

    private static String customerId(DemoApi api, String legalName) {
        for (JsonNode customer : api.get("rep", "/api/v1/customers?size=200").path("items")) {
            if (legalName.equals(customer.path("legalName").asString())) {
                return customer.get("id").asString();
            }
        }
        throw new DemoApi.DemoApiException("the demo customer " + legalName + " is not there; load the customer demo data first");
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Changes on top of the version just read (If-Match). */
    private record Versioned(DemoApi api) {

        JsonNode send(String user, String method, String path, JsonNode read, Object body) {
            return api.sendIfMatch(user, method, path, read.get("version").asLong(), body);
        }
    }
}
