package org.crmsuite.localstack;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** What a developer needs once the stack is up: addresses, demo users, where the logs are, a curl to try. */
final class Banner {

    static void print(LocalStack stack, PrintStream out) {
        String keycloak = Endpoints.keycloak().toString();
        out.println();
        out.println("CRM local stack is ready in " + String.format("%.1f s", stack.startupTime().toMillis() / 1000.0));
        out.println();
        if (stack.options().withServices()) {
            out.println("  Gateway              " + Endpoints.gateway());
            out.println("  Swagger UI           " + Endpoints.gateway() + "/swagger-ui.html");
            for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
                if (service != ServiceCatalog.GATEWAY) {
                    out.printf("  %-20s http://%s:%d%n", service.module(), Endpoints.HOST, service.port());
                }
            }
        } else {
            out.println("  (infrastructure only: the gateway and the services were not started)");
        }
        out.println("  Keycloak             " + keycloak + "   realm " + Endpoints.REALM + ", issuer " + Endpoints.realmIssuer());
        out.println("  Keycloak admin       " + keycloak + "/admin/   user " + Endpoints.ADMIN_USER + " / " + Endpoints.ADMIN_PASSWORD + " (dev only)");
        out.println("  PostgreSQL           " + Endpoints.jdbcUrl("<db>") + "   user postgres, databases "
                + String.join(", ", Endpoints.POSTGRES_DATABASES));
        out.println("  Kafka                " + Endpoints.KAFKA_BOOTSTRAP);
        out.println("  MongoDB              mongodb://" + Endpoints.HOST + ":" + Endpoints.MONGO + "   databases ticket, analytics");
        out.println("  Mail (GreenMail)     SMTP " + Endpoints.HOST + ":" + Endpoints.SMTP + ", IMAP " + Endpoints.HOST + ":" + Endpoints.IMAP
                + "   read a mailbox with the address as user, any password");
        if (stack.simulating()) {
            out.println("  ERP/finance simulator an order every " + LocalStack.SIMULATED_ORDER_INTERVAL.toSeconds()
                    + " s on erp.order.events, an invoice per won deal on finance.invoice.events; log "
                    + stack.state().log("erp-finance-simulator") + " (--no-simulator to turn off)");
        }
        out.println("  State folder         " + stack.state().root());
        out.println("  Logs                 " + stack.state().logs());
        out.println();
        out.println("Demo users (password \"" + Endpoints.DEMO_PASSWORD + "\", dev only):");
        List<DemoUser> users = DemoUser.fromRealm();
        for (DemoUser user : users) {
            out.printf("  %-16s %-16s %-30s %s%n", user.username(), String.join(",", user.roles()),
                    String.join(",", user.groups()), user.fullName());
        }
        out.println("  client credentials: " + Endpoints.INTEGRATION_CLIENT + " / " + Endpoints.INTEGRATION_CLIENT_SECRET
                + " (role integration, dev only)");
        out.println();
        out.println("Try it:");
        out.println(curlExample());
        out.println();
        MemoryReport.print(stack.memory(), out);
        out.println();
        out.println("Press Ctrl-C to stop everything.");
    }

    static String curlExample() {
        return String.join("\n",
                "  TOKEN=$(curl -s -d grant_type=password -d client_id=" + Endpoints.WEB_CLIENT + " -d username=rep -d password="
                        + Endpoints.DEMO_PASSWORD + " \\",
                "      " + Endpoints.tokenEndpoint() + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')",
                "  curl -i -H \"Authorization: Bearer $TOKEN\" " + Endpoints.gateway() + "/api/v1/customers");
    }

    static String readyTimes(LocalStack stack) {
        return stack.readyAfter().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue().toMillis() / 1000.0 + " s")
                .collect(Collectors.joining(", "));
    }

    private Banner() {
    }
}
