package org.crmsuite.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cluster-side pieces under k8s/, built with the real `kubectl kustomize` for each overlay and validated. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KustomizeTest {

    static final Set<String> TOPICS = Set.of("crm.customer.events", "crm.ticket.events", "crm.sales.events",
            "crm.notification.events", "erp.order.events", "finance.invoice.events");

    private final Map<String, Manifests> overlays = new HashMap<>();

    @BeforeAll
    void build() {
        Path kubectl = KubeTools.kubectl();
        for (String overlay : List.of("dev", "prod")) {
            Proc result = Proc.run(Repo.root(), kubectl, "kustomize", "k8s/overlays/" + overlay).ok();
            overlays.put(overlay, Manifests.parse("kubectl kustomize k8s/overlays/" + overlay, result.stdout()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayIsValidAndComplete(String overlay) {
        Manifests manifests = overlays.get(overlay);
        ManifestRules.assertValidAgainstApi(manifests);
        ManifestRules.assertOnlyGatewayExposed(manifests);

        assertThat(ManifestRules.only(manifests, "Namespace", "crm").path("metadata").path("labels")
                .path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
        manifests.objects().stream().filter(o -> !o.path("kind").asText().equals("Namespace"))
                .forEach(o -> assertThat(o.path("metadata").path("namespace").asText()).as(Manifests.id(o)).isEqualTo("crm"));

        JsonNode deny = ManifestRules.only(manifests, "NetworkPolicy", "default-deny-all").path("spec");
        assertThat(deny.path("podSelector").isEmpty()).as("default deny selects every pod").isTrue();
        assertThat(ManifestRules.texts(deny.path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.has("ingress") || deny.has("egress")).as("default deny allows nothing").isFalse();

        // One PostgreSQL cluster, with its own database, per PostgreSQL user.
        for (String database : List.of("customer", "sales", "notification", "keycloak")) {
            JsonNode cluster = ManifestRules.only(manifests, "Cluster", database + "-db");
            assertThat(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText()).isEqualTo(database);
        }

        // Kafka in KRaft mode with node pools, and every topic of events.md with its dead-letter topic.
        ObjectNode kafka = ManifestRules.only(manifests, "Kafka", "crm-kafka");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.path("spec").has("zookeeper")).isFalse();
        List<JsonNode> pools = manifests.ofKind("KafkaNodePool").map(JsonNode.class::cast).toList();
        assertThat(pools).allSatisfy(pool -> assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("crm-kafka"));
        int brokers = pools.stream().filter(p -> ManifestRules.texts(p.path("spec").path("roles")).contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        assertThat(pools.stream().filter(p -> ManifestRules.texts(p.path("spec").path("roles")).contains("controller"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum()).as("KRaft controllers").isOdd();

        Set<String> expected = TOPICS.stream().flatMap(t -> java.util.stream.Stream.of(t, t + ".DLT")).collect(Collectors.toSet());
        List<ObjectNode> topics = manifests.ofKind("KafkaTopic").toList();
        assertThat(topics).extracting(t -> t.path("spec").path("topicName").asText()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(topics).allSatisfy(topic -> {
            JsonNode spec = topic.path("spec");
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("crm-kafka");
            assertThat(spec.path("partitions").asInt()).as("%s partitions", Manifests.name(topic)).isPositive();
            assertThat(spec.path("replicas").asInt()).as("%s replicas fit the brokers", Manifests.name(topic)).isBetween(1, brokers);
            if (overlay.equals("prod")) {
                assertThat(spec.path("replicas").asInt()).as("%s replicas", Manifests.name(topic)).isEqualTo(3);
                assertThat(spec.path("config").path("min.insync.replicas").asInt()).as("%s min.insync.replicas", Manifests.name(topic)).isEqualTo(2);
            }
        });
        if (overlay.equals("prod")) {
            assertThat(brokers).isGreaterThanOrEqualTo(3);
            assertThat(kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
            assertThat(kafka.path("spec").path("kafka").path("config").path("default.replication.factor").asInt()).isEqualTo(3);
            assertThat(manifests.ofKind("Cluster")).allSatisfy(c -> assertThat(c.path("spec").path("instances").asInt()).isEqualTo(3));
            assertThat(ManifestRules.only(manifests, "MongoDBCommunity", "crm-mongodb").path("spec").path("members").asInt()).isEqualTo(3);
        }

        // Keycloak runs on its own database and imports the crm realm.
        ObjectNode keycloak = ManifestRules.only(manifests, "Keycloak", "crm-keycloak");
        assertThat(keycloak.path("spec").path("db").path("host").asText()).isEqualTo("keycloak-db-rw");
        JsonNode realmImport = ManifestRules.only(manifests, "KeycloakRealmImport", "crm-realm").path("spec");
        assertThat(realmImport.path("keycloakCRName").asText()).isEqualTo("crm-keycloak");
        assertThat(realmImport.path("realm").path("realm").asText()).isEqualTo("crm");
        assertThat(realmImport.path("realm").path("clients").path(0).path("clientId").asText()).isEqualTo("crm-web");
        assertThat(realmImport.path("realm").has("users")).as("demo users only outside production").isEqualTo(overlay.equals("dev"));
    }

    /** Every Secret a chart references is one the operators of k8s/ create (or one the guide tells ops to create). */
    @Test
    void chartsReferenceTheSecretsTheOperatorsCreate() throws IOException {
        Manifests prod = overlays.get("prod");
        Set<String> made = new TreeSet<>();
        prod.ofKind("Cluster").forEach(cluster -> made.add(Manifests.name(cluster) + "-app"));
        prod.ofKind("MongoDBCommunity").forEach(mongo -> mongo.path("spec").path("users")
                .forEach(user -> made.add(user.path("connectionStringSecretName").asText())));
        Set<String> byOps = Set.of("notification-smtp", "notification-sms", "notification-keycloak-client");
        Set<String> referenced = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            JsonNode values = Manifests.YAML.readTree(Repo.root().resolve("helm").resolve(service).resolve("values.yaml").toFile());
            values.path("secretEnv").forEach(ref -> referenced.add(ref.path("secretName").asText()));
            String url = values.path("config").path("SPRING_DATASOURCE_URL").asText();
            if (!url.isEmpty()) {
                String host = url.replaceFirst("jdbc:postgresql://([^:/]+).*", "$1");
                assertThat(made).as("%s connects to %s", service, host).contains(host.replaceFirst("-rw$", "-app"));
            }
        }
        assertThat(referenced).isNotEmpty().allSatisfy(secret -> assertThat(made.contains(secret) || byOps.contains(secret))
                .as("Secret %s is created by an operator resource of k8s/ or listed for ops in docs/operations.md", secret).isTrue());
        assertThat(Repo.read(Repo.root().resolve("docs/operations.md"))).contains(byOps);
    }

    /** The realm import wraps k8s/keycloak/crm-realm.json unchanged (the local stack imports the same file). */
    @Test
    void realmImportMatchesTheRealmFile() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode realm = json.readTree(Repo.root().resolve("k8s/keycloak/crm-realm.json").toFile());
        JsonNode wrapped = json.readTree(Repo.root().resolve("k8s/keycloak/crm-realm-import.json").toFile());
        assertThat(wrapped.path("spec").path("realm"))
                .as("k8s/keycloak/crm-realm-import.json is out of date: regenerate it (command in k8s/keycloak/kustomization.yaml)")
                .isEqualTo(realm);
        List<String> placeholders = new ArrayList<>();
        wrapped.path("spec").path("placeholders").fieldNames().forEachRemaining(placeholders::add);
        assertThat(placeholders).allSatisfy(name -> assertThat(realm.toString()).contains("${" + name));
    }
}
