package org.crmsuite.gateway.clientaddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;

/**
 * Which peers may tell the gateway who the client is, and who the client then is. Plain rules, no Spring:
 * <ul>
 *   <li>A request from a peer outside the trusted CIDRs: the peer is the client, whatever {@code Forwarded} or
 *       {@code X-Forwarded-For} say (anyone can send those headers).</li>
 *   <li>From a trusted proxy: the hops the proxies recorded ({@code Forwarded: for=...}, RFC 7239, if present, else
 *       {@code X-Forwarded-For}) are read from the right (the hop nearest the gateway) to the left; the first hop that is
 *       not a trusted proxy is the client. Hops further left were written by that client and are ignored, so a client
 *       cannot slip in an address of its choice by sending the header itself. An entry that is no IP literal
 *       ({@code unknown}, an obfuscated {@code _name}, garbage) stops the walk at the last address known.</li>
 * </ul>
 * Addresses are parsed as literals only: nothing here ever asks DNS.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Cidr> cidrs;

    private TrustedProxies(List<Cidr> cidrs) {
        this.cidrs = List.copyOf(cidrs);
    }

    /**
     * @param cidrs {@code 10.0.0.0/8}, {@code fd00::/8}, or a single address ({@code 192.0.2.10})
     * @throws IllegalArgumentException naming the first entry that is no IP range
     */
    public static TrustedProxies of(List<String> cidrs) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : cidrs) {
            parsed.add(Cidr.parse(entry == null ? "" : entry.trim()));
        }
        return new TrustedProxies(parsed);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public boolean isEmpty() {
        return cidrs.isEmpty();
    }

    public boolean isTrusted(InetAddress address) {
        if (address == null) {
            return false;
        }
        for (Cidr cidr : cidrs) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The real client of a request that reached the gateway from {@code peer} with these headers. */
    public InetAddress clientOf(InetAddress peer, HttpHeaders headers) {
        if (peer == null || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = hops(headers);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    /** The {@code for} hops in the order the proxies appended them (client first). */
    static List<String> hops(HttpHeaders headers) {
        List<String> forwarded = headers.getValuesAsList("Forwarded");
        List<String> hops = new ArrayList<>();
        if (!forwarded.isEmpty()) {
            for (String value : forwarded) {
                for (String element : value.split(",")) {
                    String forHop = null;
                    for (String pair : element.split(";")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                            forHop = pair.substring(eq + 1).trim();
                        }
                    }
                    // An element without for= still is a hop whose client is unknown.
                    hops.add(forHop != null ? forHop : "unknown");
                }
            }
            return hops;
        }
        for (String value : headers.getValuesAsList("X-Forwarded-For")) {
            hops.addAll(Arrays.stream(value.split(",")).map(String::trim).filter(hop -> !hop.isEmpty()).toList());
        }
        return hops;
    }

    /**
     * An IP literal as proxies write it ({@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1},
     * {@code "[2001:db8::1]:4711"}), else null. Never a DNS lookup.
     */
    static InetAddress literal(String hop) {
        String value = hop.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return null;
            }
            value = value.substring(1, close);
            return IPV6.matcher(value).matches() && value.contains(":") ? parse(value) : null;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':')) {
            value = value.substring(0, colon); // IPv4 with a port
        }
        if (IPV4.matcher(value).matches()) {
            return parse(value);
        }
        if (value.contains(":") && IPV6.matcher(value).matches()) {
            return parse(value);
        }
        return null;
    }

    private static InetAddress parse(String literal) {
        try {
            // Only ever called with a string that is an IPv4 or IPv6 literal, which getByName parses without DNS.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return cidrs.toString();
    }

    private record Cidr(String text, byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress parsed = literal(address);
            if (parsed == null || address.contains("[")) {
                throw new IllegalArgumentException("crm.gateway.forwarded.trusted-proxies: '" + text
                        + "' is no IP range; use CIDR notation such as 10.0.0.0/8 or fd00::/8");
            }
            byte[] bytes = parsed.getAddress();
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("crm.gateway.forwarded.trusted-proxies: '" + text
                        + "' has no valid prefix length (0 to " + bytes.length * 8 + ")");
            }
            return new Cidr(text, bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
