package org.crmsuite.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** The checks have teeth: each one fails on a manifest that breaks its rule (no helm or kubectl needed). */
class ValidatorSelfTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              replicas: 1
              selector:
                matchLabels: {app.kubernetes.io/name: demo}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: demo}
                  annotations: {checksum/config: abc}
                spec:
                  automountServiceAccountToken: false
                  terminationGracePeriodSeconds: 40
                  securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: demo
                      image: ghcr.io/crm-suite/demo:1.0.0
                      env:
                        - {name: JAVA_TOOL_OPTIONS, value: "-XX:MaxRAMPercentage=75"}
                      resources:
                        requests: {cpu: 100m, memory: 512Mi}
                        limits: {cpu: "1", memory: 512Mi}
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities: {drop: [ALL]}
                      startupProbe: {httpGet: {path: /actuator/health/liveness, port: 8080}}
                      livenessProbe: {httpGet: {path: /actuator/health/liveness, port: 8080}}
                      readinessProbe: {httpGet: {path: /actuator/health/readiness, port: 8080}}
                      lifecycle:
                        preStop: {exec: {command: [sleep, "10"]}}
            """;

    private static Manifests of(String yaml) {
        return Manifests.parse("test", yaml);
    }

    @Test
    void aSoundDeploymentPasses() {
        ManifestRules.assertAll(of(DEPLOYMENT));
    }

    @Test
    void unknownMisplacedAndMistypedFieldsAreRefused() {
        assertThat(ApiSchema.problems(only(DEPLOYMENT.replace("      containers:", "      contaners:"))))
                .anySatisfy(p -> assertThat(p).contains("unknown field").contains("contaners"));
        assertThat(ApiSchema.problems(only(DEPLOYMENT.replace("  replicas: 1", "  replicas: \"two\""))))
                .anySatisfy(p -> assertThat(p).contains("does not read as"));
        assertThat(ApiSchema.problems(only(DEPLOYMENT.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: true\n            runAsNonroot: true"))))
                .anySatisfy(p -> assertThat(p).contains("runAsNonroot"));
        assertThat(ApiSchema.problems(only(DEPLOYMENT.replace("apps/v1", "apps/v1beta1"))))
                .anySatisfy(p -> assertThat(p).contains("unknown apiVersion/kind"));
        assertThat(ApiSchema.problems(only(DEPLOYMENT.replace("name: demo\nspec", "name: Demo_1\nspec"))))
                .anySatisfy(p -> assertThat(p).contains("DNS-1123"));
    }

    @Test
    void operatorResourcesAreCheckedLoosely() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: crm-kafka}}
                spec: {partitions: 3, replicas: 1}
                """;
        assertThat(ApiSchema.problems(only(topic))).isEmpty();
        assertThat(ApiSchema.problems(only(topic.replace("partitions", "partition")))).hasSize(2);
        assertThat(ApiSchema.problems(only(topic.replace("metadata: {", "metadata: {nam: x, ")))).anySatisfy(p -> assertThat(p).contains("nam"));
    }

    @Test
    void rootContainersMissingProbesOrLimitsFail() {
        assertThatThrownBy(() -> ManifestRules.assertContainersHardened(of(DEPLOYMENT.replace("runAsUser: 10001", "runAsUser: 0"))))
                .hasMessageContaining("runAsUser");
        assertThatThrownBy(() -> ManifestRules.assertContainersHardened(of(DEPLOYMENT.replace("runAsNonRoot: true, ", ""))))
                .hasMessageContaining("runAsNonRoot");
        assertThatThrownBy(() -> ManifestRules.assertContainersHardened(of(DEPLOYMENT.replaceFirst("(?m)^ *startupProbe: .*\n", ""))))
                .hasMessageContaining("startupProbe");
        assertThatThrownBy(() -> ManifestRules.assertContainersHardened(of(DEPLOYMENT.replace("limits: {cpu: \"1\", memory: 512Mi}", "limits: {cpu: \"1\"}"))))
                .hasMessageContaining("resources.limits.memory");
        assertThatThrownBy(() -> ManifestRules.assertContainersHardened(of(DEPLOYMENT.replace(":1.0.0", ":latest"))))
                .hasMessageContaining("image");
    }

    @Test
    void replicatedDeploymentWithoutPdbFails() {
        String replicated = DEPLOYMENT.replace("replicas: 1", "replicas: 3");
        assertThatThrownBy(() -> ManifestRules.assertPdbWhereReplicated(of(replicated))).hasMessageContaining("PodDisruptionBudget");
        ManifestRules.assertPdbWhereReplicated(of(replicated + """
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: demo}
                spec:
                  maxUnavailable: 1
                  selector: {matchLabels: {app.kubernetes.io/name: demo}}
                """));
    }

    @Test
    void onlyTheGatewayMayBeExposed() {
        String service = """
                apiVersion: v1
                kind: Service
                metadata: {name: crm-%s}
                spec:
                  type: %s
                  selector: {app.kubernetes.io/name: %s}
                  ports: [{name: http, port: 80, targetPort: http}]
                """;
        ManifestRules.assertOnlyGatewayExposed(of(service.formatted("gateway", "LoadBalancer", "gateway")));
        assertThatThrownBy(() -> ManifestRules.assertOnlyGatewayExposed(of(service.formatted("customer-service", "NodePort", "customer-service"))))
                .hasMessageContaining("exposed outside the cluster");
        String ingress = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: side-door}
                spec:
                  rules:
                    - http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: crm-customer-service, port: {name: http}}}}
                """;
        assertThatThrownBy(() -> ManifestRules.assertOnlyGatewayExposed(of(service.formatted("customer-service", "ClusterIP", "customer-service") + ingress)))
                .hasMessageContaining("crm-customer-service");
    }

    private static ObjectNode only(String yaml) {
        return of(yaml).objects().get(0);
    }
}
