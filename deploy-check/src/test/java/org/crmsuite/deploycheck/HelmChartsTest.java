package org.crmsuite.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The charts under helm/, checked with the real helm: strict lint, rendering over a matrix of values, every rendered
 * object validated against the Kubernetes API, the properties that matter asserted, and typos refused by the schemas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmChartsTest {

    private Path charts;
    private Path helm;

    @BeforeAll
    void buildDependencies() {
        helm = KubeTools.helm();
        // Work on a copy: `helm dependency build` writes charts/*.tgz, which must not land in the source tree.
        charts = Repo.scratch("helm");
        Repo.copyTree(Repo.root().resolve("helm"), charts);
        for (String chart : Stream.concat(Repo.SERVICES.stream(), Stream.of("crm")).toList()) {
            Proc.run(charts, helm, "dependency", "build", chart, "--skip-refresh").ok();
        }
    }

    static Stream<String> allCharts() {
        return Stream.concat(Stream.of("crm-lib", "crm"), Repo.SERVICES.stream());
    }

    @ParameterizedTest
    @MethodSource("allCharts")
    void lintsStrictly(String chart) {
        Proc lint = Proc.run(charts, helm, "lint", "--strict", chart).ok();
        assertThat(lint.output()).contains("0 chart(s) failed");
    }

    @Test
    void lintsTheUmbrellaStrictlyWithEverythingOnAndTheProductionExample() {
        Proc.run(charts, helm, "lint", "--strict", "crm", "-f", values("everything-on")).ok();
        Proc.run(charts, helm, "lint", "--strict", "crm", "-f", values("prod-example")).ok();
    }

    /** The matrix: defaults; HPA + ingress + ServiceMonitor + PrometheusRule on; NetworkPolicy off; one replica. */
    static Stream<Arguments> matrix() {
        return Stream.of(Arguments.of("defaults"), Arguments.of("everything-on"), Arguments.of("network-policy-off"),
                Arguments.of("single-replica"), Arguments.of("prod-example"));
    }

    @ParameterizedTest
    @MethodSource("matrix")
    void umbrellaRendersValidManifests(String scenario) {
        Manifests manifests = template("crm", scenario);
        ManifestRules.assertAll(manifests);
        assertThat(manifests.ofKind("Deployment").map(Manifests::name).toList())
                .containsExactlyInAnyOrderElementsOf(Repo.SERVICES.stream().map(s -> "crm-" + s).toList());
        long count = switch (scenario) {
            case "defaults" -> {
                assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
                assertThat(manifests.ofKind("ServiceMonitor")).isEmpty();
                assertThat(manifests.ofKind("PodDisruptionBudget")).as("every service but the single-instance analytics")
                        .hasSize(5).noneMatch(pdb -> Manifests.name(pdb).equals("crm-analytics-service"));
                assertThat(ManifestRules.only(manifests, "Deployment", "crm-analytics-service").path("spec").path("strategy")
                        .path("type").asText()).isEqualTo("Recreate");
                assertThat(manifests.ofKind("Ingress")).hasSize(1);
                yield manifests.ofKind("NetworkPolicy").count();
            }
            case "everything-on" -> {
                assertThat(manifests.ofKind("HorizontalPodAutoscaler")).as("every service but the single-instance analytics").hasSize(5);
                assertThat(manifests.ofKind("ServiceMonitor")).hasSize(6);
                assertThat(manifests.ofKind("PrometheusRule")).hasSize(6);
                assertThat(manifests.ofKind("Ingress")).hasSize(1);
                assertThat(manifests.ofKind("Deployment")).filteredOn(d -> !Manifests.name(d).equals("crm-analytics-service"))
                        .allSatisfy(d -> assertThat(d.path("spec").has("replicas")).as("the HPA owns the replica count").isFalse());
                JsonNode notificationHpa = ManifestRules.only(manifests, "HorizontalPodAutoscaler", "crm-notification-service");
                assertThat(notificationHpa.path("spec").path("metrics").findValuesAsText("type")).contains("External");
                yield manifests.ofKind("NetworkPolicy").count();
            }
            case "network-policy-off" -> {
                assertThat(manifests.ofKind("NetworkPolicy")).isEmpty();
                yield 6;
            }
            case "prod-example" -> {
                assertThat(manifests.ofKind("HorizontalPodAutoscaler")).hasSize(5);
                assertThat(manifests.ofKind("PodDisruptionBudget")).hasSize(5);
                assertThat(manifests.ofKind("Deployment")).allSatisfy(d -> assertThat(d.findValuesAsText("image"))
                        .allSatisfy(image -> assertThat(image).startsWith("registry.example.com/crm-suite/")));
                assertThat(ManifestRules.only(manifests, "Ingress", "crm-gateway").path("spec").path("tls").isArray()).isTrue();
                assertThat(manifests.ofKind("ConfigMap")).as("global.config reaches every service").hasSize(6)
                        .allSatisfy(c -> assertThat(c.path("data").path("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI").asText())
                                .isEqualTo("https://auth.example.com/realms/crm"));
                yield manifests.ofKind("NetworkPolicy").count();
            }
            case "single-replica" -> {
                assertThat(manifests.ofKind("PodDisruptionBudget")).as("a PDB on one pod would block every drain").isEmpty();
                yield manifests.ofKind("NetworkPolicy").count();
            }
            default -> throw new IllegalArgumentException(scenario);
        };
        assertThat(count).as("NetworkPolicies").isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "customer-service", "ticket-service", "sales-service", "analytics-service",
            "notification-service"})
    void eachServiceChartRendersAloneWithItsDefaults(String chart) {
        Manifests manifests = template(chart, "defaults");
        ManifestRules.assertAll(manifests);
        ObjectNode deployment = ManifestRules.only(manifests, "Deployment", "crm-" + chart);
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/crm-suite/" + chart + ":0.1.0");
        assertThat(manifests.find("ConfigMap", "crm-" + chart)).isPresent();
        assertThat(manifests.find("PodDisruptionBudget", "crm-" + chart)).as("a PDB wherever more than one pod runs")
                .matches(pdb -> pdb.isPresent() != chart.equals("analytics-service"));
        assertThat(manifests.find("Ingress", "crm-" + chart)).as("only the gateway's chart has an Ingress, and it is off by default").isEmpty();
    }

    @Test
    void analyticsRefusesASecondInstance() {
        for (String setting : List.of("replicaCount=2", "autoscaling.enabled=true")) {
            Proc result = Proc.run(charts, helm, "template", "crm", "analytics-service", "--namespace", "crm", "--set", setting);
            assertThat(result.exitCode()).as(setting).isNotZero();
            assertThat(result.stderr()).as(setting).contains("analytics-service runs as one instance");
        }
    }

    @Test
    void everySecretIsReferencedNeverInlined() {
        Manifests manifests = template("crm", "everything-on");
        assertThat(manifests.ofKind("Secret")).isEmpty();
        assertThat(manifests.ofKind("ConfigMap")).allSatisfy(configMap -> assertThat(configMap.path("data").properties())
                .noneMatch(entry -> entry.getKey().matches(".*(PASSWORD|SECRET|TOKEN).*")));
        ObjectNode customer = ManifestRules.only(manifests, "Deployment", "crm-customer-service");
        assertThat(customer.findValues("secretKeyRef")).extracting(ref -> ref.path("name").asText()).containsOnly("customer-db-app");
        ObjectNode ticket = ManifestRules.only(manifests, "Deployment", "crm-ticket-service");
        assertThat(ticket.findValues("secretKeyRef")).extracting(ref -> ref.path("name").asText()).containsOnly("ticket-mongodb-connection");
    }

    @Test
    void aChangedConfigRollsThePods() {
        String before = checksum(template("customer-service", "defaults"));
        Manifests changed = Manifests.parse("changed", Proc.run(charts, helm, "template", "crm", "customer-service", "--namespace", "crm",
                "--set", "config.CRM_CUSTOMER_DUPLICATETHRESHOLD=60").ok().stdout());
        assertThat(checksum(changed)).isNotEqualTo(before);
    }

    /**
     * The NetworkPolicies open exactly the calls the suite makes: the gateway to every service, and each service to the
     * services its application.yaml points at (a {@code url: http://127.0.0.1:<port>} of the local stack), so a new
     * service-to-service call without its policy fails here rather than as a timeout in the cluster.
     */
    @Test
    void networkPoliciesOpenOnlyTheCallsTheSuiteMakes() {
        Manifests manifests = template("crm", "defaults");
        java.util.Map<String, String> byPort = new java.util.HashMap<>();
        for (String service : Repo.SERVICES) {
            java.util.regex.Matcher port = java.util.regex.Pattern.compile("(?m)^port: (\\d+)$")
                    .matcher(Repo.read(Repo.root().resolve("helm").resolve(service).resolve("values.yaml")));
            assertThat(port.find()).isTrue();
            byPort.put(port.group(1), service);
        }
        java.util.Map<String, Set<String>> calls = new java.util.HashMap<>();
        for (String service : Repo.SERVICES) {
            String yaml = Repo.read(Repo.root().resolve(service).resolve("src/main/resources/application.yaml"));
            Set<String> called = java.util.regex.Pattern.compile("(?m)^\\s+url: http://127\\.0\\.0\\.1:(\\d+)").matcher(yaml).results()
                    .map(m -> byPort.get(m.group(1))).filter(java.util.Objects::nonNull).filter(s -> !s.equals(service))
                    .collect(Collectors.toCollection(TreeSet::new));
            calls.put(service, called);
        }
        calls.put("gateway", new TreeSet<>(Repo.SERVICES.subList(1, 6)));
        for (String service : Repo.SERVICES) {
            JsonNode policy = ManifestRules.only(manifests, "NetworkPolicy", "crm-" + service).path("spec");
            Set<String> callers = new TreeSet<>(policy.path("ingress").findValuesAsText("app.kubernetes.io/name"));
            Set<String> callees = new TreeSet<>(policy.path("egress").findValuesAsText("app.kubernetes.io/name"));
            Set<String> expectedCallers = calls.entrySet().stream().filter(e -> e.getValue().contains(service))
                    .map(java.util.Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            assertThat(callees).as("%s may call", service).isEqualTo(calls.get(service));
            assertThat(callers).as("%s may be called by", service).isEqualTo(expectedCallers);
            assertThat(policy.path("ingress").findValuesAsText("kubernetes.io/metadata.name")).as(service).contains("monitoring");
        }
        assertThat(calls.get("customer-service")).isEmpty();
        assertThat(calls.get("ticket-service")).contains("customer-service");
        JsonNode gateway = ManifestRules.only(manifests, "NetworkPolicy", "crm-gateway").path("spec");
        assertThat(gateway.path("ingress").findValuesAsText("kubernetes.io/metadata.name")).contains("ingress-nginx");
        JsonNode notification = ManifestRules.only(manifests, "NetworkPolicy", "crm-notification-service").path("spec");
        assertThat(notification.path("egress").findValuesAsText("cidr")).containsExactly("0.0.0.0/0");
        assertThat(Repo.SERVICES.stream().filter(s -> !s.equals("notification-service")))
                .as("only notification-service reaches outside the cluster (SMTP, webhooks, SMS)")
                .allSatisfy(s -> assertThat(ManifestRules.only(manifests, "NetworkPolicy", "crm-" + s).path("spec").path("egress")
                        .findValuesAsText("cidr")).isEmpty());
    }

    @Test
    void notesTellTheInstallerWhatToDoNext() {
        String suite = Proc.run(charts, helm, "install", "crm", "crm", "--namespace", "crm", "--dry-run=client").ok().stdout();
        assertThat(suite.substring(suite.indexOf("NOTES:"))).contains("kubectl apply -k k8s/overlays/prod",
                "rollout status deployment -l app.kubernetes.io/instance=crm", "http://crm.example.com/swagger-ui.html",
                "--set ticket-service.image.tag=", "docs/operations.md");
        String one = Proc.run(charts, helm, "install", "crm", "notification-service", "--namespace", "crm", "--dry-run=client").ok().stdout();
        assertThat(one.substring(one.indexOf("NOTES:"))).contains("rollout status deployment/crm-notification-service",
                "notification-db-app (key password -> SPRING_DATASOURCE_PASSWORD)", "notification-sms (key api-key -> NOTIFICATION_SMS_API_KEY)");
    }

    /** A typo, or a value the suite must not run with, fails before anything reaches the cluster. */
    static Stream<Arguments> refusedValues() {
        return Stream.of(
                Arguments.of("customer-service.replicaCont=3", "replicaCont"),
                Arguments.of("ticket-service.resources.limits.memroy=1Gi", "memroy"),
                Arguments.of("gateway.ingres.enabled=true", "ingres"),
                Arguments.of("sales-service.autoscaling.maxReplica=9", "maxReplica"),
                Arguments.of("notification-service.networkPolicy.enable=false", "enable"),
                Arguments.of("analytics-service.image.tag=latest", "/image/tag"),
                Arguments.of("customer-service.service.type=LoadBalancer", "/service/type"),
                Arguments.of("customer-service.ingress.enabled=true", "ingress"),
                Arguments.of("ticket-service.replicaCount=two", "/replicaCount"),
                Arguments.of("sales-service.config.spring\\.datasource\\.url=x", "spring.datasource.url"),
                Arguments.of("ticket-service.shutdown.terminationGracePeriodSeconds=20", "terminationGracePeriodSeconds"),
                Arguments.of("globl.imageTag=1.0.0", "globl"));
    }

    @ParameterizedTest
    @MethodSource("refusedValues")
    void refusesTyposAndUnsafeValues(String setting, String named) {
        Proc result = Proc.run(charts, helm, "template", "crm", "crm", "--namespace", "crm", "--set", setting);
        assertThat(result.exitCode()).as("helm template --set %s must fail", setting).isNotZero();
        assertThat(result.stderr()).contains(named);
    }

    @Test
    void prometheusRulesRaiseTheAlertsOfTheOpsRuleFile() {
        Manifests manifests = template("crm", "everything-on");
        Set<String> rendered = manifests.ofKind("PrometheusRule").flatMap(rule -> rule.path("spec").findValuesAsText("alert").stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(rendered).containsExactlyInAnyOrderElementsOf(RepositoryFilesTest.opsAlertNames());
    }

    private String checksum(Manifests manifests) {
        return manifests.ofKind("Deployment").findFirst().orElseThrow().path("spec").path("template").path("metadata")
                .path("annotations").path("checksum/config").asText();
    }

    private Manifests template(String chart, String scenario) {
        List<Object> command = new ArrayList<>(List.of(helm, "template", "crm", chart, "--namespace", "crm"));
        if (!scenario.equals("defaults")) {
            command.add("-f");
            command.add(values(scenario));
        }
        Proc result = Proc.run(charts, command.toArray()).ok();
        return Manifests.parse("helm template " + chart + " [" + scenario + "]", result.stdout());
    }

    private Path values(String scenario) {
        if (scenario.equals("prod-example")) {
            return charts.resolve("crm/values-prod.example.yaml");
        }
        StringBuilder yaml = new StringBuilder();
        for (String service : Repo.SERVICES) {
            yaml.append(service).append(":\n");
            switch (scenario) {
                case "everything-on" -> {
                    if (!service.equals("analytics-service")) { // one instance by design
                        yaml.append("""
                                  autoscaling:
                                    enabled: true
                                    minReplicas: 2
                                    maxReplicas: 8
                                """);
                    }
                    if (service.equals("notification-service")) {
                        yaml.append("    kafkaLag:\n      enabled: true\n");
                    }
                    yaml.append("""
                              serviceMonitor:
                                enabled: true
                                labels:
                                  release: kube-prometheus-stack
                              prometheusRule:
                                enabled: true
                            """);
                    if (service.equals("gateway")) {
                        yaml.append("""
                                  ingress:
                                    enabled: true
                                    host: crm.example.org
                                    tlsSecretName: crm-example-org-tls
                                    annotations:
                                      cert-manager.io/cluster-issuer: letsencrypt
                                """);
                    }
                }
                case "network-policy-off" -> yaml.append("  networkPolicy:\n    enabled: false\n");
                case "single-replica" -> yaml.append("  replicaCount: 1\n");
                default -> throw new IllegalArgumentException(scenario);
            }
        }
        return Repo.write(charts.resolve("values-" + scenario + ".yaml"), yaml.toString());
    }
}
