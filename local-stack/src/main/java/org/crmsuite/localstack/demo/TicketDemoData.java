package org.crmsuite.localstack.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Service tickets for the demo customers, at every status of the flow (new, assigned, in progress, waiting on the
 * customer, resolved, closed, reopened), a complaint the customer rated 2 of 5 (so the service manager finds a
 * call-back task under {@code GET /api/v1/tickets/follow-ups}), and two published knowledge-base articles, one linked
 * from a ticket. The agent ({@code /service/tier-1}) opens and works them in queue tier-1, where the service manager
 * sees them too. Customers are looked up by name through customer-service as {@code admin}: the service desk cannot
 * read sales teams' customers there, so ticket-service describes them from its customer snapshot (fed by the
 * customer events), which may lag the customers' creation by a moment; opening retries for a few seconds.
 */
final class TicketDemoData implements DemoData {

    static final String AGENT = "agent";
    static final String MANAGER = "service.manager";

    @Override
    public String description() {
        return "tickets at every status, a poorly rated complaint with its follow-up, knowledge articles";
    }

    @Override
    public void load(DemoApi api) throws Exception {
        Versioned versioned = new Versioned(api);
        String yunqi = customer(api, "云栖科技");
        String pudong = customer(api, "浦东智造");
        String zgc = customer(api, "中关村数据");

        String invoiceArticle = article(api, "如何重新开具发票", "billing/invoice", List.of("发票", "invoice"),
                "1. 在财务系统中作废原发票。\n2. 按合同金额重新开具。\n3. 将电子发票发送至客户登记的邮箱，并在工单中留言告知。");
        article(api, "VPN 无法连接的排查步骤", "network/vpn", List.of("VPN", "network"),
                "1. 确认客户端版本不低于 5.2。\n2. 检查账号是否被锁定。\n3. 收集客户端日志并附到工单。");

        // NEW: nobody has picked it up yet.
        open(api, yunqi, "EMAIL", "REQUEST", "account/access", "P3", "申请为新员工开通三个系统账号", "入职日期 12 月 1 日，需开通 CRM、ERP 与邮箱。");

        // ASSIGNED: the agent took it.
        JsonNode assigned = open(api, pudong, "PHONE", "INCIDENT", "network/vpn", "P2", "VPN 间歇性断开", "上海工厂的 VPN 每小时断开一次。");
        versioned.post(AGENT, tickets(assigned) + "/assignment", assigned, Map.of("assignee", AGENT));

        // IN_PROGRESS, with a public answer (the first response).
        JsonNode working = take(versioned, open(api, zgc, "WEB", "INCIDENT", "reports", "P2", "月度报表导出失败", "导出 10 月报表时提示超时。"));
        working = versioned.post(AGENT, tickets(working) + "/status", working, Map.of("status", "IN_PROGRESS"));
        api.post(AGENT, tickets(working) + "/comments", Map.of("body", "您好，我们已复现该问题，正在排查报表服务的超时设置。", "internal", false));

        // WAITING_ON_CUSTOMER: the SLA clock is paused.
        JsonNode waiting = take(versioned, open(api, yunqi, "CHAT", "CONSULTATION", "billing", "P3", "合同续签价格咨询", "客户询问 2027 年续签折扣。"));
        waiting = versioned.post(AGENT, tickets(waiting) + "/status", waiting, Map.of("status", "IN_PROGRESS"));
        api.post(AGENT, tickets(waiting) + "/comments", Map.of("body", "请提供贵司 2027 年预计的用户数，以便报价。", "internal", false));
        api.post(AGENT, tickets(waiting) + "/comments", Map.of("body", "客户是重点客户，报价前请与销售确认。", "internal", true));
        waiting = api.get(AGENT, tickets(waiting)); // the comments moved its version on
        versioned.post(AGENT, tickets(waiting) + "/status", waiting, Map.of("status", "WAITING_ON_CUSTOMER", "reason", "等待客户提供用户数"));

        // RESOLVED, with the article that helped (the customer gets a survey link).
        Resolved resolved = resolve(api, versioned, open(api, pudong, "EMAIL", "REQUEST", "billing/invoice", "P3",
                "发票金额与合同不一致", "10 月发票比合同多 1,200 元。"), "已作废原发票并重新开具，电子发票已发送至客户邮箱。");
        api.post(AGENT, tickets(resolved.ticket()) + "/articles", Map.of("articleId", invoiceArticle));

        // CLOSED: resolved, then closed.
        JsonNode done = resolve(api, versioned, open(api, zgc, "PHONE", "CONSULTATION", "account", "P4", "如何修改登录密码", null),
                "已在电话中指导客户修改密码。").ticket();
        versioned.post(AGENT, tickets(done) + "/status", done, Map.of("status", "CLOSED"));

        // REOPENED: the customer came back within the resolution.
        JsonNode reopened = resolve(api, versioned, open(api, yunqi, "EMAIL", "INCIDENT", "network/vpn", "P2", "VPN 证书过期",
                "多名员工无法连接 VPN。"), "已更新 VPN 证书。").ticket();
        versioned.post(AGENT, tickets(reopened) + "/status", reopened, Map.of("status", "REOPENED", "reason", "部分员工仍无法连接"));

        // A complaint, resolved and rated 2 of 5: a call-back task for the service manager.
        Resolved complaint = resolve(api, versioned, open(api, pudong, "PHONE", "COMPLAINT", "service", "P2", "工程师上门迟到两小时",
                "客户对上门服务的准时性不满。"), "已向客户致歉，并调整了工程师排班。");
        String link = complaint.surveyLink();
        api.post(AGENT, "/api/v1/tickets/surveys/" + link.substring(link.lastIndexOf('/') + 1),
                Map.of("csat", 2, "nps", 4, "comment", "问题解决了，但等待时间太长。"));
    }

    private static String tickets(JsonNode ticket) {
        return "/api/v1/tickets/" + ticket.get("id").asString();
    }

    /** The customer's id, looked up by name as the admin (who sees every department's customers). */
    private static String customer(DemoApi api, String name) {
        JsonNode page = api.get("admin", "/api/v1/customers?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "&size=5");
        String found = null;
        for (JsonNode item : page.get("items")) {
            if (item.has("shortName") && name.equals(item.get("shortName").asString())) {
                return item.get("id").asString(); // not the near-duplicate entered without the short name
            }
            found = found == null ? item.get("id").asString() : found;
        }
        if (found != null) {
            return found;
        }
        throw new DemoApi.DemoApiException("the demo customer " + name + " is not there; load the customer demo data first");
    }

    private static String article(DemoApi api, String title, String category, List<String> tags, String body) {
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", title);
        article.put("body", body);
        article.put("category", category);
        article.put("tags", tags);
        article.put("status", "PUBLISHED");
        article.put("audience", "PUBLIC");
        return api.post(MANAGER, "/api/v1/tickets/knowledge/articles", article).get("id").asString();
    }

    /** Opens a ticket in queue tier-1; retries for a few seconds while the customer snapshot catches up. */
    private static JsonNode open(DemoApi api, String customerId, String channel, String type, String category, String priority,
                                 String subject, String description) throws InterruptedException {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("customerId", customerId);
        ticket.put("channel", channel);
        ticket.put("type", type);
        ticket.put("category", category);
        ticket.put("priority", priority);
        ticket.put("subject", subject);
        ticket.put("description", description);
        ticket.put("queue", "tier-1");
        for (int attempt = 1; ; attempt++) {
            try {
                return api.post(AGENT, "/api/v1/tickets", ticket);
            } catch (DemoApi.DemoApiException e) {
                if (attempt == 10 || !e.getMessage().contains(" 422") && !e.getMessage().contains(" 503")) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static JsonNode take(Versioned versioned, JsonNode ticket) {
        return versioned.post(AGENT, tickets(ticket) + "/assignment", ticket, Map.of("assignee", AGENT));
    }

    /** A resolved ticket and its one-time survey link (shown only in the resolving answer). */
    private record Resolved(JsonNode ticket, String surveyLink) {
    }

    /** Takes, works and resolves the ticket. */
    private static Resolved resolve(DemoApi api, Versioned versioned, JsonNode ticket, String resolution) {
        ticket = take(versioned, ticket);
        ticket = versioned.post(AGENT, tickets(ticket) + "/status", ticket, Map.of("status", "IN_PROGRESS"));
        api.post(AGENT, tickets(ticket) + "/comments", Map.of("body", resolution, "internal", false));
        JsonNode current = api.get(AGENT, tickets(ticket));
        JsonNode answer = versioned.post(AGENT, tickets(current) + "/status", current, Map.of("status", "RESOLVED", "reason", resolution));
        return new Resolved(answer, answer.get("surveyLink").asString());
    }

    /** Changes on top of the version just read (If-Match). */
    private record Versioned(DemoApi api) {

        JsonNode post(String user, String path, JsonNode read, Object body) {
            return api.postIfMatch(user, path, read.get("version").asLong(), body);
        }
    }
}
