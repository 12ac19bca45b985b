package org.crmsuite.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookUrlPolicyTest {

    static InetAddress[] at(String address) {
        try {
            return new InetAddress[] {InetAddress.getByName(address)};
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void publicHttpAndHttpsAreAllowed() {
        WebhookUrlPolicy policy = new WebhookUrlPolicy(Set.of(), host -> at("93.184.215.14"));
        assertThat(policy.refusal("https://finance.example.com/hooks/crm")).isNull();
        assertThat(policy.refusal("http://finance.example.com:8080/x")).isNull();
    }

    @Test
    void otherSchemesAndInternalAddressesAreRefused() {
        WebhookUrlPolicy policy = new WebhookUrlPolicy(Set.of(), host -> at(host.equals("intranet.example.com") ? "10.1.2.3" : host));
        assertThat(policy.refusal("ftp://example.com/")).contains("http or https");
        assertThat(policy.refusal("gopher://example.com/")).contains("http or https");
        assertThat(policy.refusal("not a url")).isNotNull();
        for (String host : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "[::1]", "[fd00::1]", "[fe80::1]"}) {
            assertThat(policy.refusal("http://" + host + "/hook")).as(host).contains("not allowed");
        }
        assertThat(policy.refusal("https://intranet.example.com/")).contains("10.1.2.3");
    }

    @Test
    void theAllowListLetsTheLocalStackUseLoopback() {
        WebhookUrlPolicy policy = new WebhookUrlPolicy(Set.of("127.0.0.1"), host -> at(host));
        assertThat(policy.refusal("http://127.0.0.1:9999/hook")).isNull();
        assertThat(policy.refusal("http://10.0.0.1/hook")).isNotNull();
    }

    @Test
    void theSignatureCoversTimestampAndBody() {
        String signature = WebhookSigner.signature("secret", 1700000000L, "{\"a\":1}");
        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebhookSigner.signature("secret", 1700000001L, "{\"a\":1}")).isNotEqualTo(signature);
        assertThat(WebhookSigner.signature("secret", 1700000000L, "{\"a\":2}")).isNotEqualTo(signature);
    }
}
