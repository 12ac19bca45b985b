package org.crmsuite.localstack;

import java.net.URI;
import java.util.List;

/**
 * Where each part listens. Fixed ports on 127.0.0.1, because the services' application.yaml defaults point at them.
 */
public final class Endpoints {

    public static final String HOST = "127.0.0.1";

    public static final int POSTGRES = 15432;
    public static final int KAFKA = 19092;
    /** The KRaft controller listener; clients never use it. */
    public static final int KAFKA_CONTROLLER = 19093;
    public static final int MONGO = 27027;
    public static final int SMTP = 3025;
    public static final int IMAP = 3143;
    public static final int KEYCLOAK = 8180;

    public static final String REALM = "crm";
    public static final String WEB_CLIENT = "crm-web";
    public static final String INTEGRATION_CLIENT = "crm-integration";
    /** Dev only, like the demo users' password; the realm file takes the real one from the environment. */
    public static final String INTEGRATION_CLIENT_SECRET = "local-integration-secret";
    public static final String DEMO_PASSWORD = "demo";
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    /** The PostgreSQL databases, one per service that keeps its data there. */
    public static final List<String> POSTGRES_DATABASES = List.of("customer", "sales", "notification", "keycloak");

    /** The suite's topics (events.md); each also gets {@code <topic>.DLT}. */
    public static final List<String> TOPICS = List.of("crm.customer.events", "crm.ticket.events", "crm.sales.events",
            "crm.notification.events", "erp.order.events", "finance.invoice.events");
    public static final String DEAD_LETTER_SUFFIX = ".DLT";
    public static final int TOPIC_PARTITIONS = 3;

    public static final String KAFKA_BOOTSTRAP = HOST + ":" + KAFKA;

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + POSTGRES + "/" + database;
    }

    public static String mongoUri(String database) {
        return "mongodb://" + HOST + ":" + MONGO + "/" + database;
    }

    public static URI keycloak() {
        return URI.create("http://" + HOST + ":" + KEYCLOAK);
    }

    public static URI realmIssuer() {
        return URI.create(keycloak() + "/realms/" + REALM);
    }

    public static URI tokenEndpoint() {
        return URI.create(realmIssuer() + "/protocol/openid-connect/token");
    }

    public static URI gateway() {
        return URI.create("http://" + HOST + ":" + ServiceCatalog.GATEWAY.port());
    }

    private Endpoints() {
    }
}
