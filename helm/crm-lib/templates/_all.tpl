{{/* Everything a service chart renders: its templates/ holds one line, {{ include "crm-lib.all" . }}. */}}
{{- define "crm-lib.all" -}}
{{- $parts := list "crm-lib.serviceaccount" "crm-lib.configmap" "crm-lib.service" "crm-lib.deployment" "crm-lib.hpa" "crm-lib.pdb" "crm-lib.networkpolicy" "crm-lib.servicemonitor" "crm-lib.prometheusrule" "crm-lib.ingress" -}}
{{- range $parts }}
{{- $doc := include . $ | trim -}}
{{- if $doc }}
---
{{ $doc }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "crm-lib.notes" -}}
{{- $name := include "crm-lib.fullname" . -}}
{{ $name }} {{ include "crm-lib.imageTag" . }} is installed in namespace {{ .Release.Namespace }}.

- Watch the rollout (a pod is ready once /actuator/health/readiness answers UP):
    kubectl -n {{ .Release.Namespace }} rollout status deployment/{{ $name }}
{{- if or .Values.secretEnv .Values.envFromSecrets }}
- The pods read these existing Secrets; create them first, or the pods stay in CreateContainerConfigError:
{{- range .Values.secretEnv }}
    {{ .secretName }} (key {{ .key }} -> {{ .name }})
{{- end }}
{{- range .Values.envFromSecrets }}
    {{ . }} (every key as an environment variable)
{{- end }}
{{- end }}
- Health from your machine:
    kubectl -n {{ .Release.Namespace }} port-forward svc/{{ $name }} {{ .Values.port }}:{{ .Values.service.port }}
    curl -s localhost:{{ .Values.port }}/actuator/health/readiness
{{- if and .Values.ingress .Values.ingress.enabled }}
- The suite answers at http{{ if .Values.ingress.tlsSecretName }}s{{ end }}://{{ .Values.ingress.host }}/api/v1/ (Swagger UI: /swagger-ui.html); users
  log in through the Keycloak realm crm, whose issuer is config.SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI.
{{- end }}
{{- range $key, $value := .Values.config }}
{{- if hasPrefix "CRM_GATEWAY_SERVICES_" $key }}
- {{ $key }} = {{ tpl (toString $value) $ }}{{ if ne $.Release.Name "crm" }} (check: the service names follow the release name){{ end }}
{{- end }}
{{- end }}
{{- if not .Values.serviceMonitor.enabled }}
- Metrics are at /actuator/prometheus; with the Prometheus operator set serviceMonitor.enabled=true and
  prometheusRule.enabled=true for the alerts.
{{- end }}
- Scale: helm upgrade ... --set replicaCount=N, or autoscaling.enabled=true (a kubectl scale is undone by the next upgrade).
- Operations guide (upgrade, scaling, secret rotation, alerts): docs/operations.md in the repository.
{{- end -}}
