package org.crmsuite.gateway.clientaddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void ranges_and_single_addresses_match_by_prefix() throws Exception {
        assertThat(proxies.isTrusted(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(proxies.isTrusted(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(proxies.isTrusted(InetAddress.getByName("192.168.1.7"))).isTrue();
        assertThat(proxies.isTrusted(InetAddress.getByName("192.168.1.8"))).isFalse();
        assertThat(proxies.isTrusted(InetAddress.getByName("fd12:3456::1"))).isTrue();
        assertThat(proxies.isTrusted(InetAddress.getByName("2001:db8::1"))).isFalse();
        assertThat(TrustedProxies.of(List.of("172.16.0.0/12")).isTrusted(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(TrustedProxies.of(List.of("172.16.0.0/12")).isTrusted(InetAddress.getByName("172.32.0.1"))).isFalse();
        assertThat(TrustedProxies.none().isTrusted(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void an_untrusted_peer_is_the_client_whatever_its_headers_say() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Forwarded-For", "203.0.113.9");
        headers.add("Forwarded", "for=203.0.113.9");
        InetAddress peer = InetAddress.getByName("198.51.100.20");
        assertThat(proxies.clientOf(peer, headers)).isEqualTo(peer);
    }

    @Test
    void behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.0.0.5");
        HttpHeaders headers = new HttpHeaders();
        // The client wrote the first entry itself; the proxies appended the rest.
        headers.add("X-Forwarded-For", "1.2.3.4, 198.51.100.7");
        headers.add("X-Forwarded-For", "10.1.1.1");
        assertThat(proxies.clientOf(proxy, headers)).isEqualTo(InetAddress.getByName("198.51.100.7"));
    }

    @Test
    void forwarded_rfc_7239_wins_over_x_forwarded_for_and_its_forms_are_read() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.0.0.5");
        HttpHeaders headers = new HttpHeaders();
        headers.add("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.3.3.3:8443;by=10.0.0.5");
        headers.add("X-Forwarded-For", "203.0.113.99");
        assertThat(proxies.clientOf(proxy, headers)).isEqualTo(InetAddress.getByName("2001:db8:cafe::17"));
    }

    @Test
    void an_unknown_or_garbage_hop_stops_at_the_last_known_address_and_never_asks_dns() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.0.0.5");
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Forwarded-For", "198.51.100.7, evil.example.com, 10.9.9.9");
        assertThat(proxies.clientOf(proxy, headers)).isEqualTo(InetAddress.getByName("10.9.9.9"));
        HttpHeaders unknown = new HttpHeaders();
        unknown.add("Forwarded", "for=unknown");
        assertThat(proxies.clientOf(proxy, unknown)).isEqualTo(proxy);
        assertThat(TrustedProxies.literal("1.2.3.999")).isNull();
        assertThat(TrustedProxies.literal("_hidden")).isNull();
        assertThat(TrustedProxies.literal("localhost")).isNull();
        assertThat(TrustedProxies.literal("203.0.113.9:443")).isEqualTo(InetAddress.getByName("203.0.113.9"));
    }

    @Test
    void a_chain_of_only_trusted_hops_gives_the_leftmost() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Forwarded-For", "10.1.0.1, 10.2.0.2");
        assertThat(proxies.clientOf(InetAddress.getByName("10.0.0.5"), headers)).isEqualTo(InetAddress.getByName("10.1.0.1"));
        assertThat(proxies.clientOf(InetAddress.getByName("10.0.0.5"), new HttpHeaders())).isEqualTo(InetAddress.getByName("10.0.0.5"));
    }

    @Test
    void an_entry_that_is_no_ip_range_stops_the_start_with_the_settings_name() {
        for (String bad : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "", "10.0.0/8")) {
            assertThatThrownBy(() -> new ForwardedProperties(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("crm.gateway.forwarded.trusted-proxies");
        }
    }
}
