package org.crmsuite.platform.security;

/** The realm roles of the suite (Keycloak realm {@code crm}); Spring authorities are {@code ROLE_<name>}. */
public final class Roles {

    public static final String CRM_ADMIN = "crm-admin";
    public static final String SALES_REP = "sales-rep";
    public static final String SALES_MANAGER = "sales-manager";
    public static final String SERVICE_AGENT = "service-agent";
    public static final String SERVICE_MANAGER = "service-manager";
    public static final String MARKETING = "marketing";
    public static final String DATA_STEWARD = "data-steward";
    public static final String ANALYST = "analyst";
    /** ERP, finance and other enterprise systems (client credentials). */
    public static final String INTEGRATION = "integration";

    public static String authority(String role) {
        return "ROLE_" + role;
    }

    private Roles() {
    }
}
