package org.crmsuite.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The properties that matter for running the suite, asserted on rendered manifests. */
final class ManifestRules {

    /** The only workload that may be reached from outside the cluster. */
    static final String GATEWAY = "gateway";

    private ManifestRules() {
    }

    static void assertValidAgainstApi(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        manifests.objects().forEach(object -> problems.addAll(ApiSchema.problems(object)));
        assertThat(problems).as("%s: objects that do not match the Kubernetes API", manifests.source()).isEmpty();
    }

    static void assertAll(Manifests manifests) {
        assertValidAgainstApi(manifests);
        assertContainersHardened(manifests);
        assertPdbWhereReplicated(manifests);
        assertOnlyGatewayExposed(manifests);
    }

    /** No container runs as root; every one has requests, limits, the three probes and a JVM sized to its limit. */
    static void assertContainersHardened(Manifests manifests) {
        manifests.ofKind("Deployment").forEach(deployment -> {
            String id = manifests.source() + " " + Manifests.id(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("%s automounts a token", id).isFalse();
            assertThat(deployment.path("spec").path("template").path("metadata").path("annotations").has("checksum/config"))
                    .as("%s: checksum/config annotation", id).isTrue();
            int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.path("containers").forEach(containers::add);
            assertThat(containers).as("%s has containers", id).isNotEmpty();
            for (JsonNode container : containers) {
                String cid = id + " container " + container.path("name").asText();
                JsonNode security = container.path("securityContext");
                boolean nonRoot = security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false));
                long uid = security.path("runAsUser").asLong(podSecurity.path("runAsUser").asLong(-1));
                assertThat(nonRoot).as("%s: runAsNonRoot", cid).isTrue();
                assertThat(uid).as("%s: runAsUser is set and not 0", cid).isPositive();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("%s: allowPrivilegeEscalation", cid).isFalse();
                assertThat(security.path("privileged").asBoolean(false)).as("%s: privileged", cid).isFalse();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean(false)).as("%s: readOnlyRootFilesystem", cid).isTrue();
                assertThat(texts(security.path("capabilities").path("drop"))).as("%s: capabilities dropped", cid).contains("ALL");
                assertThat(security.path("capabilities").path("add").isEmpty()).as("%s: no capability added", cid).isTrue();
                String seccomp = security.path("seccompProfile").path("type").asText(podSecurity.path("seccompProfile").path("type").asText());
                assertThat(seccomp).as("%s: seccomp profile", cid).isIn("RuntimeDefault", "Localhost");

                JsonNode resources = container.path("resources");
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(resources.path(kind).hasNonNull(resource)).as("%s: resources.%s.%s", cid, kind, resource).isTrue();
                    }
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertThat(container.has(probe)).as("%s: %s", cid, probe).isTrue();
                }
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as("%s readiness", cid)
                        .isEqualTo("/actuator/health/readiness");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as("%s liveness", cid)
                        .isEqualTo("/actuator/health/liveness");
                String image = container.path("image").asText();
                assertThat(image).as("%s: image with a fixed tag or digest", cid).matches(".+(:[^:/]+|@sha256:[a-f0-9]{64})$")
                        .doesNotEndWith(":latest");
                String javaOptions = env(container, "JAVA_TOOL_OPTIONS");
                assertThat(javaOptions).as("%s: the JVM is sized to the memory limit", cid).contains("-XX:MaxRAMPercentage=");
                JsonNode preStop = container.path("lifecycle").path("preStop");
                assertThat(preStop.isMissingNode()).as("%s: preStop pause", cid).isFalse();
                int pause = preStop.path("exec").path("command").path(1).asInt(preStop.path("sleep").path("seconds").asInt(0));
                assertThat(grace).as("%s: terminationGracePeriodSeconds leaves time after the %ss preStop", cid, pause)
                        .isGreaterThan(pause);
            }
        });
    }

    /** Every Deployment that runs more than one pod (replicas, or the HPA's minimum) has a PDB that selects its pods. */
    static void assertPdbWhereReplicated(Manifests manifests) {
        Map<String, Integer> hpaMinimum = new HashMap<>();
        manifests.ofKind("HorizontalPodAutoscaler").forEach(hpa -> hpaMinimum.put(
                hpa.path("spec").path("scaleTargetRef").path("name").asText(), hpa.path("spec").path("minReplicas").asInt(1)));
        manifests.ofKind("Deployment").forEach(deployment -> {
            String name = Manifests.name(deployment);
            int replicas = hpaMinimum.getOrDefault(name, deployment.path("spec").path("replicas").asInt(1));
            if (replicas > 1) {
                JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
                boolean covered = manifests.ofKind("PodDisruptionBudget")
                        .anyMatch(pdb -> selects(pdb.path("spec").path("selector").path("matchLabels"), podLabels));
                assertThat(covered).as("%s %s runs %d replicas but no PodDisruptionBudget selects its pods", manifests.source(), name, replicas)
                        .isTrue();
            }
        });
    }

    /** Only the gateway is reachable from outside: no other LoadBalancer/NodePort Service, no Ingress to another one. */
    static void assertOnlyGatewayExposed(Manifests manifests) {
        Map<String, String> serviceApp = new HashMap<>();
        manifests.ofKind("Service").forEach(service -> {
            String app = service.path("spec").path("selector").path("app.kubernetes.io/name").asText();
            serviceApp.put(Manifests.name(service), app);
            String type = service.path("spec").path("type").asText("ClusterIP");
            if (!GATEWAY.equals(app)) {
                assertThat(type).as("%s %s is exposed outside the cluster", manifests.source(), Manifests.id(service))
                        .isIn("ClusterIP", "");
                assertThat(service.path("spec").has("externalIPs")).as("%s %s externalIPs", manifests.source(), Manifests.id(service)).isFalse();
            }
        });
        manifests.ofKind("Ingress").forEach(ingress -> {
            List<String> backends = new ArrayList<>();
            ingress.path("spec").path("rules").forEach(rule -> rule.path("http").path("paths")
                    .forEach(path -> backends.add(path.path("backend").path("service").path("name").asText())));
            if (ingress.path("spec").has("defaultBackend")) {
                backends.add(ingress.path("spec").path("defaultBackend").path("service").path("name").asText());
            }
            assertThat(backends).as("%s %s backends", manifests.source(), Manifests.id(ingress)).isNotEmpty()
                    .allSatisfy(backend -> assertThat(serviceApp.get(backend)).as("Ingress backend %s", backend).isEqualTo(GATEWAY));
        });
    }

    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (!matchLabels.isObject() || matchLabels.isEmpty()) {
            return false;
        }
        for (var entry : matchLabels.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static String env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env.path("value").asText();
            }
        }
        return "";
    }

    static Set<String> texts(JsonNode array) {
        Set<String> texts = new java.util.HashSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    static ObjectNode only(Manifests manifests, String kind, String name) {
        return manifests.find(kind, name).orElseThrow(() -> new AssertionError(manifests.source() + " has no " + kind + "/" + name));
    }
}
