{{/*
NetworkPolicy: this service's pods accept traffic only from the callers named in values (the gateway, another
service, the ingress controller's or Prometheus' namespace), and talk only to DNS, their datastore, Kafka, Keycloak,
the services they call and whatever extraEgress adds (notification-service: SMTP, webhooks, SMS). The namespace's
default-deny policy (k8s/base) covers everything else.
*/}}
{{- define "crm-lib.networkpolicy" -}}
{{- if .Values.networkPolicy.enabled -}}
{{- $np := .Values.networkPolicy -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "crm-lib.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    - ports:
        - port: http
          protocol: TCP
      from:
        {{- range $np.allowFrom }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ . }}
        {{- end }}
        {{- range $np.allowFromNamespaces }}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ . }}
        {{- end }}
        {{- if not (or $np.allowFrom $np.allowFromNamespaces) }}
        # Nobody named: only pods of the same service.
        - podSelector:
            matchLabels:
              {{- include "crm-lib.selectorLabels" . | nindent 14 }}
        {{- end }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
      to:
        - namespaceSelector: {}
          podSelector:
            matchLabels:
              k8s-app: kube-dns
    {{- range $np.egressTo }}
    - ports:
        {{- range .ports }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
      to:
        - podSelector:
            matchLabels:
              {{- toYaml .podLabels | nindent 14 }}
    {{- end }}
    {{- range $np.callServices }}
    - ports:
        - port: {{ .port }}
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ .name }}
    {{- end }}
    {{- with $np.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}
