package org.crmsuite.gateway.security;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.validation.constraints.NotEmpty;

import org.crmsuite.gateway.routing.DownstreamService;
import org.crmsuite.platform.security.Roles;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's coarse check: which realm roles may reach each service at all ({@code crm.gateway.access.<key>},
 * env {@code CRM_GATEWAY_ACCESS_<KEY>} as a comma-separated list). The services check again with their own, finer
 * rules (record owner, department, masking), so this table only keeps callers away from services they have no
 * business with. {@value #ANY_AUTHENTICATED} stands for any caller with a valid token. An empty list or an unknown
 * role fails the start: a typo must not silently lock everyone out or let everyone in.
 *
 * @param customer     realm roles that may call customer-service (/api/v1/customers)
 * @param ticket       realm roles that may call ticket-service (/api/v1/tickets)
 * @param sales        realm roles that may call sales-service (/api/v1/sales)
 * @param analytics    realm roles that may call analytics-service (/api/v1/analytics)
 * @param notification realm roles that may call notification-service (/api/v1/notifications), or '*'
 */
@Validated
@ConfigurationProperties("crm.gateway.access")
public record RouteAccess(
        @NotEmpty @DefaultValue({Roles.CRM_ADMIN, Roles.SALES_REP, Roles.SALES_MANAGER, Roles.SERVICE_AGENT,
                Roles.SERVICE_MANAGER, Roles.MARKETING, Roles.DATA_STEWARD, Roles.ANALYST, Roles.INTEGRATION})
        Set<String> customer,
        // Analysts read KPIs from analytics-service, not tickets (which carry customers' personal data).
        @NotEmpty @DefaultValue({Roles.SERVICE_AGENT, Roles.SERVICE_MANAGER, Roles.CRM_ADMIN, Roles.INTEGRATION})
        Set<String> ticket,
        @NotEmpty @DefaultValue({Roles.SALES_REP, Roles.SALES_MANAGER, Roles.MARKETING, Roles.CRM_ADMIN, Roles.INTEGRATION})
        Set<String> sales,
        // Every staff role: analytics-service itself narrows what each sees (reps their own customers' 360 and KPIs,
        // managers their department, analysts aggregates without personal data); integration clients stay out.
        @NotEmpty @DefaultValue({Roles.ANALYST, Roles.SALES_MANAGER, Roles.SERVICE_MANAGER, Roles.CRM_ADMIN, Roles.DATA_STEWARD,
                Roles.SALES_REP, Roles.SERVICE_AGENT, Roles.MARKETING})
        Set<String> analytics,
        @NotEmpty @DefaultValue(ANY_AUTHENTICATED)
        Set<String> notification) {

    public static final String ANY_AUTHENTICATED = "*";

    static final Set<String> REALM_ROLES = Set.of(Roles.CRM_ADMIN, Roles.SALES_REP, Roles.SALES_MANAGER,
            Roles.SERVICE_AGENT, Roles.SERVICE_MANAGER, Roles.MARKETING, Roles.DATA_STEWARD, Roles.ANALYST,
            Roles.INTEGRATION);

    public RouteAccess {
        check("customer", customer);
        check("ticket", ticket);
        check("sales", sales);
        check("analytics", analytics);
        check("notification", notification);
    }

    /** The roles that may call the service, or a set holding only {@value #ANY_AUTHENTICATED}. */
    public Set<String> rolesFor(DownstreamService service) {
        return switch (service) {
            case CUSTOMER -> customer;
            case TICKET -> ticket;
            case SALES -> sales;
            case ANALYTICS -> analytics;
            case NOTIFICATION -> notification;
        };
    }

    public boolean anyAuthenticated(DownstreamService service) {
        return rolesFor(service).contains(ANY_AUTHENTICATED);
    }

    private static void check(String key, Set<String> roles) {
        if (roles == null) {
            return; // reported by @NotEmpty with the setting's name
        }
        Set<String> unknown = new LinkedHashSet<>(roles);
        unknown.removeAll(REALM_ROLES);
        unknown.remove(ANY_AUTHENTICATED);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("crm.gateway.access." + key + " names unknown realm role(s) " + unknown
                    + "; known roles: " + REALM_ROLES + " or '" + ANY_AUTHENTICATED + "' for any authenticated caller");
        }
        if (roles.contains(ANY_AUTHENTICATED) && roles.size() > 1) {
            throw new IllegalArgumentException("crm.gateway.access." + key + " mixes '" + ANY_AUTHENTICATED
                    + "' with roles " + roles + "; use either '" + ANY_AUTHENTICATED + "' or a list of roles");
        }
    }
}
