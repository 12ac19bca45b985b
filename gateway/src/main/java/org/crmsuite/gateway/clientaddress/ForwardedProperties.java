package org.crmsuite.gateway.clientaddress;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which proxies in front of the gateway may say who the client is ({@code crm.gateway.forwarded.*}).
 *
 * @param trustedProxies CIDR ranges (or single addresses) of the load balancers / ingress controllers in front of the
 *                       gateway, e.g. {@code 10.0.0.0/8}; only requests from these peers have their {@code Forwarded}
 *                       and {@code X-Forwarded-*} headers honoured. Empty (the default): nobody is trusted, the peer is
 *                       the client, and such headers are dropped on arrival.
 */
@Validated
@ConfigurationProperties("crm.gateway.forwarded")
public record ForwardedProperties(@NotNull @DefaultValue List<String> trustedProxies) {

    public ForwardedProperties {
        trustedProxies = List.copyOf(trustedProxies);
        TrustedProxies.of(trustedProxies); // fails the start with the setting's name on an entry that is no IP range
    }

    public TrustedProxies toTrustedProxies() {
        return TrustedProxies.of(trustedProxies);
    }
}
