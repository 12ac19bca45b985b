package org.crmsuite.notification.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Which URLs the service may POST to (server-side request forgery): http or https only, no user info, and a host
 * that resolves only to public addresses, unless the host is in the configured allow-list (the local stack and tests
 * allow 127.0.0.1). Checked when a subscription is saved and again before each delivery, since DNS can change.
 */
public final class WebhookUrlPolicy {

    private final Set<String> allowedHosts;
    private final Function<String, InetAddress[]> resolver;

    public WebhookUrlPolicy(Set<String> allowedHosts) {
        this(allowedHosts, WebhookUrlPolicy::resolve);
    }

    WebhookUrlPolicy(Set<String> allowedHosts, Function<String, InetAddress[]> resolver) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** Why the URL is refused, or null when it may be called. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must use http or https";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "must name a host, without user info";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedHosts.contains(host)) {
            return null;
        }
        InetAddress[] addresses = resolver.apply(host);
        if (addresses == null || addresses.length == 0) {
            return "host " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return "points at a loopback, private or link-local address (" + address.getHostAddress() + "); not allowed";
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                || (first == 169 && second == 254) || first >= 240;
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new InetAddress[0];
        }
    }
}
