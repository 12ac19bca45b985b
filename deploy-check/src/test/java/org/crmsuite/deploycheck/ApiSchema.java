package org.crmsuite.deploycheck;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Validates objects against the Kubernetes API. Built-in kinds (and the Prometheus operator's, which fabric8 models
 * too) are read into fabric8's typed model with scalar coercion off, and every unknown field is refused: fabric8 keeps
 * fields it does not know in each object's {@code additionalProperties}, so after reading, the whole object graph is
 * walked and any non-empty one is reported with its path. A misspelt or misplaced field, a string where a number
 * belongs, or an unknown apiVersion/kind fails.
 *
 * <p>The operators' custom resources (CloudNativePG, Strimzi, MongoDB Community, Keycloak) have no typed model here:
 * they are checked more loosely - a known apiVersion/kind, metadata validated by the typed {@link ObjectMeta}, the
 * spec's required fields present and its top-level fields within the ones the operator's CRD defines.
 */
final class ApiSchema {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    /** Operator resources: required spec fields, then every top-level spec field the CRD knows. */
    private record Crd(Set<String> required, Set<String> known) {
    }

    private static final Map<String, Crd> CRDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", new Crd(Set.of("instances", "storage"), Set.of("instances", "imageName",
                    "imageCatalogRef", "primaryUpdateStrategy", "primaryUpdateMethod", "bootstrap", "storage", "walStorage",
                    "resources", "monitoring", "affinity", "postgresql", "backup", "description", "enableSuperuserAccess",
                    "superuserSecret", "managed", "replica", "topologySpreadConstraints", "inheritedMetadata", "minSyncReplicas",
                    "maxSyncReplicas", "logLevel", "plugins", "externalClusters", "env", "envFrom", "startDelay", "stopDelay",
                    "smartShutdownTimeout", "switchoverDelay", "failoverDelay", "priorityClassName", "certificates",
                    "ephemeralVolumeSource", "ephemeralVolumesSizeLimit", "projectedVolumeTemplate", "tablespaces",
                    "enablePDB", "seccompProfile", "serviceAccountTemplate", "probes")),
            "kafka.strimzi.io/v1beta2/Kafka", new Crd(Set.of("kafka"), Set.of("kafka", "entityOperator", "kafkaExporter",
                    "cruiseControl", "clusterCa", "clientsCa", "maintenanceTimeWindows")),
            "kafka.strimzi.io/v1beta2/KafkaNodePool", new Crd(Set.of("replicas", "roles", "storage"), Set.of("replicas",
                    "roles", "storage", "resources", "template", "jvmOptions")),
            "kafka.strimzi.io/v1beta2/KafkaTopic", new Crd(Set.of("partitions", "replicas"), Set.of("topicName", "partitions",
                    "replicas", "config")),
            "mongodbcommunity.mongodb.com/v1/MongoDBCommunity", new Crd(Set.of("members", "type", "version", "security"),
                    Set.of("members", "type", "version", "arbiters", "security", "users", "additionalMongodConfig", "statefulSet",
                            "featureCompatibilityVersion", "replicaSetHorizons", "prometheus", "additionalConnectionStringConfig",
                            "agent", "automationConfig", "memberConfig")),
            "k8s.keycloak.org/v2alpha1/Keycloak", new Crd(Set.of("instances"), Set.of("instances", "image", "db", "http",
                    "hostname", "proxy", "ingress", "resources", "features", "transaction", "additionalOptions", "unsupported",
                    "startOptimized", "httpManagement", "truststores", "cache", "scheduling", "bootstrapAdmin", "networkPolicy",
                    "tracing", "env", "update", "imagePullSecrets")),
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", new Crd(Set.of("keycloakCRName", "realm"), Set.of("keycloakCRName",
                    "realm", "placeholders", "resources")));

    private static final Pattern DNS_1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ApiSchema() {
    }

    static boolean isTyped(JsonNode object) {
        return TYPED.containsKey(key(object));
    }

    /** Every problem found in the object; empty when it is valid. */
    static List<String> problems(ObjectNode object) {
        String key = key(object);
        String id = key + " " + Manifests.name(object);
        List<String> problems = new ArrayList<>();
        String name = Manifests.name(object);
        if (name.isEmpty() || name.length() > 253 || !DNS_1123.matcher(name).matches()) {
            problems.add(id + ": metadata.name '" + name + "' is not a DNS-1123 name");
        }
        Class<?> type = TYPED.get(key);
        try {
            if (type != null) {
                unknownFields(STRICT.treeToValue(object, type), "", problems, new IdentityHashMap<>());
            } else if (CRDS.containsKey(key)) {
                Crd crd = CRDS.get(key);
                unknownFields(STRICT.treeToValue(object.path("metadata"), ObjectMeta.class), "metadata", problems, new IdentityHashMap<>());
                JsonNode spec = object.path("spec");
                crd.required().stream().filter(field -> !spec.has(field)).forEach(field -> problems.add("spec." + field + " is required"));
                spec.fieldNames().forEachRemaining(field -> {
                    if (!crd.known().contains(field)) {
                        problems.add("spec." + field + " is not a field of " + key);
                    }
                });
                object.fieldNames().forEachRemaining(field -> {
                    if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(field)) {
                        problems.add(field + " is not a top-level field of " + key);
                    }
                });
            } else {
                problems.add("unknown apiVersion/kind " + key);
            }
        } catch (Exception e) {
            problems.add("does not read as " + key + ": " + e.getMessage());
        }
        return problems.stream().map(p -> p.startsWith(id) ? p : id + ": " + p).toList();
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    /** Walks fabric8's object graph and reports every field it kept as unknown. */
    private static void unknownFields(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object fieldValue;
                try {
                    field.setAccessible(true);
                    fieldValue = field.get(value);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                        unknown.keySet().forEach(k -> problems.add("unknown field " + (path.isEmpty() ? "" : path + ".") + k));
                    }
                } else {
                    unknownFields(fieldValue, path.isEmpty() ? field.getName() : path + "." + field.getName(), problems, seen);
                }
            }
        }
    }
}
