{{/*
Names and labels. Every object of a service carries the standard app.kubernetes.io labels; selectors use only the
two that never change between releases (name, instance).
*/}}
{{- define "crm-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "crm-lib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "crm-lib.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "crm-lib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "crm-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "crm-lib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "crm-lib.labels" -}}
helm.sh/chart: {{ include "crm-lib.chart" . }}
{{ include "crm-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ include "crm-lib.imageTag" . | quote }}
app.kubernetes.io/component: {{ .Values.component | default "api" }}
app.kubernetes.io/part-of: crm-suite
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "crm-lib.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "crm-lib.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The image tag: the chart's own value, else the umbrella's global one, else the chart's appVersion. Never latest.
     The registry likewise: the chart's, the umbrella's, else the project's public one. */}}
{{- define "crm-lib.imageTag" -}}
{{- $global := .Values.global | default dict -}}
{{- $tag := .Values.image.tag | default $global.imageTag | default .Chart.AppVersion | toString -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag must name a version: 'latest' is refused (roll-outs and roll-backs need a fixed tag)" -}}
{{- end -}}
{{- $tag -}}
{{- end -}}

{{- define "crm-lib.image" -}}
{{- $global := .Values.global | default dict -}}
{{- $registry := .Values.image.registry | default $global.imageRegistry | default "ghcr.io/crm-suite" -}}
{{- $ref := .Values.image.repository -}}
{{- if $registry }}{{ $ref = printf "%s/%s" $registry $ref }}{{ end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $ref .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (include "crm-lib.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{/* Replicas the PDB and the spread reason about: the HPA's minimum when it is on. */}}
{{- define "crm-lib.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}{{ .Values.autoscaling.minReplicas }}{{- else -}}{{ .Values.replicaCount }}{{- end -}}
{{- end -}}
