package org.crmsuite.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The files beside the charts: alert rules, the Grafana dashboard, the Dockerfiles, and the schemas kept in step. */
class RepositoryFilesTest {

    private static final Path ROOT = Repo.root();

    static Set<String> opsAlertNames() {
        return rules().stream().map(rule -> rule.path("alert").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<JsonNode> rules() {
        try {
            JsonNode file = Manifests.YAML.readTree(ROOT.resolve("ops/prometheus/crm-alerts.yaml").toFile());
            List<JsonNode> rules = new ArrayList<>();
            file.path("groups").forEach(group -> group.path("rules").forEach(rules::add));
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionThatExists() {
        String guide = Repo.read(ROOT.resolve("docs/operations.md"));
        Set<String> anchors = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^#{1,6} +(.+)$").matcher(guide);
        while (heading.find()) {
            anchors.add(heading.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
        }
        assertThat(rules()).hasSizeGreaterThanOrEqualTo(6).allSatisfy(rule -> {
            String alert = rule.path("alert").asText();
            assertThat(alert).matches("Crm[A-Za-z]+");
            assertThat(rule.path("expr").asText()).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
            String runbook = rule.path("annotations").path("runbook_url").asText();
            assertThat(runbook).as(alert).isEqualTo("docs/operations.md#" + alert.toLowerCase(Locale.ROOT));
            assertThat(anchors).as("docs/operations.md has a section for %s", alert).contains(alert.toLowerCase(Locale.ROOT));
        });
        assertThat(opsAlertNames()).contains("CrmHighErrorRate", "CrmKafkaConsumerLag", "CrmOutboxBacklog", "CrmSlaBreaches");
    }

    @Test
    void dashboardShowsRequestsErrorsLatencyLagOutboxAndSlaBreaches() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("ops/grafana/crm-suite-dashboard.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("crm-suite");
        List<String> expressions = dashboard.path("panels").findValuesAsText("expr");
        String all = String.join("\n", expressions);
        assertThat(all).contains("rate(http_server_requests_seconds_count", "status=~\"5..\"",
                "histogram_quantile(0.5,", "histogram_quantile(0.95,", "histogram_quantile(0.99,", "http_server_requests_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag_max", "kafka_consumergroup_lag", "crm_outbox_backlog",
                "crm_ticket_sla_alerts_total");
        assertThat(expressions).allSatisfy(expr -> assertThat(count(expr, '(')).as(expr).isEqualTo(count(expr, ')')));
        Set<Integer> ids = new TreeSet<>();
        dashboard.path("panels").forEach(panel -> assertThat(ids.add(panel.path("id").asInt())).as("unique panel ids").isTrue());
    }

    /** The dashboard and the alerts read meters the code registers: a renamed meter fails here, not on a dark dashboard. */
    @Test
    void metricNamesMatchTheMetersInTheCode() {
        assertThat(Repo.read(ROOT.resolve("platform/crm-platform/src/main/java/org/crmsuite/platform/outbox/JdbcOutboxRelay.java")))
                .contains("\"crm.outbox.backlog\"", "\"crm.outbox.published\"");
        assertThat(Repo.read(ROOT.resolve("ticket-service/src/main/java/org/crmsuite/ticket/sla/SlaScheduler.java")))
                .contains("\"crm.ticket.sla.alerts\"", "\"alert\"");
        assertThat(Repo.read(ROOT.resolve("ticket-service/src/main/java/org/crmsuite/ticket/sla/SlaAlert.java")))
                .contains("FIRST_RESPONSE_BREACH", "RESOLUTION_BREACH");
        assertThat(Repo.read(ROOT.resolve("platform/crm-platform/src/main/resources/crm-platform-defaults.yaml")))
                .contains("application: ${spring.application.name}", "http.server.requests: true");
    }

    @ParameterizedTest
    @MethodSource("org.crmsuite.deploycheck.Repo#services")
    void dockerfileRunsTheLayeredJarAsNonRoot(String service) {
        String dockerfile = Repo.read(ROOT.resolve(service).resolve("Dockerfile"));
        List<String> from = Pattern.compile("(?m)^FROM +(\\S+)").matcher(dockerfile).results().map(m -> m.group(1)).toList();
        assertThat(from).isNotEmpty().allSatisfy(image -> assertThat(image).isEqualTo("eclipse-temurin:21-jre"));
        assertThat(dockerfile).contains("COPY " + service + "/target/" + service + ".jar app.jar")
                .contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
                .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        assertThat(Pattern.compile("(?m)^RUN .*$").matcher(dockerfile).results().map(m -> m.group()).toList())
                .as("no build inside the image beyond extraction").noneMatch(run -> run.matches(".*(mvn|gradle|javac).*"));
        List<String> users = Pattern.compile("(?m)^USER +(\\S+)").matcher(dockerfile).results().map(m -> m.group(1)).toList();
        assertThat(users).as("the last USER is a numeric non-root uid (runAsNonRoot needs a number)").isNotEmpty();
        assertThat(users.get(users.size() - 1)).matches("[1-9][0-9]*(:[0-9]+)?");
        String values = Repo.read(ROOT.resolve("helm").resolve(service).resolve("values.yaml"));
        Matcher port = Pattern.compile("(?m)^port: (\\d+)$").matcher(values);
        assertThat(port.find()).isTrue();
        assertThat(dockerfile).contains("EXPOSE " + port.group(1));
        assertThat(Repo.read(ROOT.resolve(service).resolve("src/main/resources/application.yaml")))
                .as("the chart's port is the service's server.port").contains("port: " + port.group(1));
    }

    /** The service charts share one values structure: their schemas agree on every key they have in common. */
    @Test
    void serviceSchemasAgreeAndRefuseUnknownKeysEverywhere() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode reference = json.readTree(ROOT.resolve("helm/customer-service/values.schema.json").toFile());
        for (String service : Repo.SERVICES) {
            JsonNode schema = json.readTree(ROOT.resolve("helm").resolve(service).resolve("values.schema.json").toFile());
            assertThat(schema.path("additionalProperties").asBoolean(true)).as(service).isFalse();
            schema.path("properties").properties().forEach(entry -> {
                if (reference.path("properties").has(entry.getKey()) && !Set.of("service", "prometheusRule").contains(entry.getKey())) {
                    assertThat(entry.getValue()).as("%s schema of %s", service, entry.getKey())
                            .isEqualTo(reference.path("properties").path(entry.getKey()));
                }
            });
            List<String> open = new ArrayList<>();
            closedObjects(schema, "", open);
            assertThat(open).as("%s: objects of fixed shape without additionalProperties: false", service).isEmpty();
        }
    }

    /** Every object schema with declared properties must close itself (free-form maps declare none). */
    private static void closedObjects(JsonNode schema, String path, List<String> open) {
        if (schema.has("properties")) {
            if (!schema.has("additionalProperties") || schema.path("additionalProperties").asBoolean(true)) {
                if (!path.equals(".global")) {
                    open.add(path.isEmpty() ? "/" : path);
                }
            }
            schema.path("properties").properties().forEach(e -> closedObjects(e.getValue(), path + "." + e.getKey(), open));
        }
        if (schema.has("items")) {
            closedObjects(schema.path("items"), path + "[]", open);
        }
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    static Path helmDir() {
        return ROOT.resolve("helm");
    }

    static boolean exists(Path path) {
        return Files.exists(path);
    }
}
