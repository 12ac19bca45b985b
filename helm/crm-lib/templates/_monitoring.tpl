{{- define "crm-lib.servicemonitor" -}}
{{- if .Values.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
    {{- with .Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "crm-lib.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /actuator/prometheus
      interval: {{ .Values.serviceMonitor.interval }}
      scrapeTimeout: {{ .Values.serviceMonitor.scrapeTimeout }}
{{- end -}}
{{- end -}}

{{/*
PrometheusRule: the alerts of ops/prometheus/crm-alerts.yaml, narrowed to this service's `application` label (the
platform tags every meter with spring.application.name). extraRules adds a service's own (ticket-service: SLA).
*/}}
{{- define "crm-lib.prometheusrule" -}}
{{- if .Values.prometheusRule.enabled -}}
{{- $app := include "crm-lib.name" . -}}
{{- $r := .Values.prometheusRule -}}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
    {{- with $r.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  groups:
    - name: {{ $app }}
      rules:
        - alert: CrmServiceDown
          # absent(): the alert also fires when every pod, and so every scrape target, is gone.
          expr: sum(up{job=~".*{{ $app }}"}) == 0 or absent(up{job=~".*{{ $app }}"})
          for: 5m
          labels:
            severity: critical
            service: {{ $app }}
          annotations:
            summary: "{{ $app }}: no instance is scraped"
            runbook_url: "docs/operations.md#crmservicedown"
        - alert: CrmHighErrorRate
          expr: |
            sum(rate(http_server_requests_seconds_count{application="{{ $app }}",status=~"5.."}[5m]))
              / clamp_min(sum(rate(http_server_requests_seconds_count{application="{{ $app }}"}[5m])), 1e-9) > {{ $r.errorRateThreshold }}
          for: 10m
          labels:
            severity: critical
            service: {{ $app }}
          annotations:
            summary: "{{ $app }}: more than {{ mulf $r.errorRateThreshold 100 }}% of requests fail with 5xx"
            runbook_url: "docs/operations.md#crmhigherrorrate"
        - alert: CrmHighLatency
          expr: |
            histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{application="{{ $app }}",uri!~"/actuator.*"}[5m]))) > {{ $r.latencyP95Seconds }}
          for: 10m
          labels:
            severity: warning
            service: {{ $app }}
          annotations:
            summary: "{{ $app }}: p95 latency above {{ $r.latencyP95Seconds }}s"
            runbook_url: "docs/operations.md#crmhighlatency"
        {{- if hasKey $r "outboxBacklogThreshold" }}
        - alert: CrmOutboxBacklog
          expr: max(crm_outbox_backlog{application="{{ $app }}"}) > {{ $r.outboxBacklogThreshold }}
          for: 10m
          labels:
            severity: warning
            service: {{ $app }}
          annotations:
            summary: "{{ $app }}: events wait in the outbox, Kafka does not take them"
            runbook_url: "docs/operations.md#crmoutboxbacklog"
        {{- end }}
        {{- if hasKey $r "consumerLagThreshold" }}
        - alert: CrmKafkaConsumerLag
          expr: max(kafka_consumer_fetch_manager_records_lag_max{application="{{ $app }}"}) > {{ $r.consumerLagThreshold }}
          for: 15m
          labels:
            severity: warning
            service: {{ $app }}
          annotations:
            summary: "{{ $app }}: a consumer is more than {{ $r.consumerLagThreshold }} records behind"
            runbook_url: "docs/operations.md#crmkafkaconsumerlag"
        {{- end }}
        {{- with $r.extraRules }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
{{- end -}}
{{- end -}}
