package org.crmsuite.localstack.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Corporate customers in two sales teams, Chinese and Latin names, each stage of the lifecycle, contacts, and two
 * near-duplicates (a missing legal-form suffix, a typo) that a data steward finds in the review queue, and a
 * data-quality issue assigned to the steward.
 */
final class CustomerDemoData implements DemoData {

    @Override
    public String description() {
        return "customers with contacts, duplicates for the steward to find, and a quality issue assigned to the steward";
    }

    @Override
    public void load(DemoApi api) {
        String yunqi = register(api, "rep", customer("杭州云栖科技有限公司", "云栖科技", "91330106MA27XY812F", "软件和信息技术服务业",
                "浙江省", "杭州市", "西湖区", "文三路 90 号 5 楼", "0571-88886666", "info@yunqi.example.cn", "KEY", "ACTIVE", "SALES_VISIT"));
        contact(api, "rep", yunqi, "张伟", "采购经理", "13812345678", "zhang.wei@yunqi.example.cn", "WECHAT");
        contact(api, "rep", yunqi, "李娜", "财务总监", "13912345678", "li.na@yunqi.example.cn", "EMAIL");

        String pudong = register(api, "rep", customer("上海浦东智造股份有限公司", "浦东智造", "91310115MA1K3QWE2B", "通用设备制造业",
                "上海市", "上海市", "浦东新区", "张江路 88 号", "021-50801234", "contact@pdzz.example.cn", "STRATEGIC", "ACTIVE", "ERP_IMPORT"));
        contact(api, "rep", pudong, "王强", "总经理", "13611112222", "wang.qiang@pdzz.example.cn", "PHONE");

        String shenzhen = register(api, "rep.west", customer("深圳前海云链有限公司", "前海云链", "91440300MA5FHJK915", "互联网和相关服务",
                "广东省", "深圳市", "南山区", "前海大道 1 号", "0755-86001234", "hello@qhyl.example.cn", "STANDARD", "PROSPECT", "WEBSITE"));
        contact(api, "rep.west", shenzhen, "陈静", "运营主管", "13788889999", "chen.jing@qhyl.example.cn", "WECHAT");

        register(api, "rep", customer("北京中关村数据服务有限公司", "中关村数据", "91110108MA01NPQR4U", "信息技术咨询服务",
                "北京市", "北京市", "海淀区", "中关村大街 27 号", "010-62881234", "bd@zgcdata.example.cn", "KEY", "PROSPECT", "MARKET_RESEARCH"));
        String nordwind = register(api, "rep.west", customer("Nordwind Logistics GmbH", "Nordwind", null, "Logistics",
                null, null, null, null, "+49 40 1234567", "sales@nordwind.example.de", "STANDARD", "PROSPECT", "SOCIAL_MEDIA"));
        register(api, "rep", customer("Acme Industrial Co., Ltd.", "Acme", null, "Industrial machinery",
                null, null, null, null, "+1 415 555 0100", "info@acme-industrial.example.com", "SMALL", "PROSPECT", "E_COMMERCE"));

        // Near-duplicates: entered again by another team without the suffix, and with a typo.
        Map<String, Object> twin = customer("杭州云栖科技", null, null, "软件和信息技术服务业",
                "浙江省", "杭州市", null, null, "0571-88886666", null, "STANDARD", "PROSPECT", "SERVICE_DESK");
        twin.put("createAnyway", true);
        register(api, "rep.west", twin);
        Map<String, Object> typo = customer("Acme Industial Co., Ltd.", null, null, null,
                null, null, null, null, null, "orders@acme-industrial.example.com", "SMALL", "PROSPECT", "API");
        typo.put("createAnyway", true);
        register(api, "rep", typo);

        // A data-quality issue in the steward's work list (and mailbox): the address is missing.
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("kind", "MISSING_FIELD");
        issue.put("field", "city");
        issue.put("assignee", "steward");
        issue.put("dueAt", java.time.Instant.now().plus(java.time.Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        issue.put("note", "Registered address missing: finance needs it before the first invoice.");
        api.post("admin", "/api/v1/customers/" + nordwind + "/quality/issues", issue);
    }

    private static String register(DemoApi api, String user, Map<String, Object> customer) {
        JsonNode created = api.post(user, "/api/v1/customers", customer);
        return created.get("id").asString();
    }

    private static void contact(DemoApi api, String user, String customerId, String name, String title, String mobile,
                                String email, String channel) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", name);
        contact.put("title", title);
        contact.put("phones", List.of(mobile));
        contact.put("email", email);
        contact.put("preferredChannel", channel);
        contact.put("primary", "采购经理".equals(title) || "总经理".equals(title) || "运营主管".equals(title));
        api.post(user, "/api/v1/customers/" + customerId + "/contacts", contact);
    }

    private static Map<String, Object> customer(String legalName, String shortName, String uscc, String industry,
                                                String province, String city, String district, String street, String phone,
                                                String email, String tier, String stage, String source) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("legalName", legalName);
        customer.put("shortName", shortName);
        customer.put("uscc", uscc);
        customer.put("foreignCompany", legalName.chars().allMatch(c -> c < 128)); // registered abroad: no USCC
        customer.put("industry", industry);
        customer.put("province", province);
        customer.put("city", city);
        customer.put("district", district);
        customer.put("street", street);
        customer.put("phone", phone);
        customer.put("email", email);
        customer.put("valueTier", tier);
        customer.put("lifecycleStage", stage);
        customer.put("sourceChannel", source);
        customer.values().removeIf(java.util.Objects::isNull);
        return customer;
    }
}
