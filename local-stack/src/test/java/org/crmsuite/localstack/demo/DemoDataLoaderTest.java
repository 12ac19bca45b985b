package org.crmsuite.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.crmsuite.localstack.KeycloakTokens;
import org.junit.jupiter.api.Test;

class DemoDataLoaderTest {

    private final DemoApi api = new DemoApi(URI.create("http://127.0.0.1:9"), new KeycloakTokens(URI.create("http://127.0.0.1:9/token")));

    @Test
    void loadsTheSetsInOrderAndGoesOnAfterAFailure() {
        List<String> calls = new ArrayList<>();
        DemoData customers = set("customers", () -> calls.add("customers"));
        DemoData broken = set("tickets", () -> {
            throw new IllegalStateException("ticket-service answered 500");
        });
        DemoData deals = set("deals", () -> calls.add("deals"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        DemoDataLoader.Result result = new DemoDataLoader(List.of(customers, broken, deals),
                new PrintStream(output, true, StandardCharsets.UTF_8)).load(api);

        assertThat(calls).containsExactly("customers", "deals");
        assertThat(result.loaded()).containsExactly("customers", "deals");
        assertThat(result.failed()).containsExactly("tickets: ticket-service answered 500");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("demo data \"tickets\" failed");
    }

    private static DemoData set(String description, Runnable body) {
        return new DemoData() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void load(DemoApi ignored) {
                body.run();
            }
        };
    }
}
