{{/*
The Deployment: a non-root, read-only-root pod with an emptyDir for the JVM's temporary files, the JVM sized to the
container's memory limit, probes on the actuator health groups, a preStop pause so endpoints drop the pod before
Spring's graceful shutdown starts, and rolling updates that never go below the wanted number of ready pods.
*/}}
{{- define "crm-lib.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
data:
  SERVER_PORT: {{ .Values.port | quote }}
  SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE: {{ printf "%ds" (int .Values.shutdown.springTimeoutSeconds) | quote }}
  {{- /* global.config (from the umbrella) holds what must be the same in every service, e.g. the token issuer: it
         wins over the chart's config. */}}
  {{- $global := .Values.global | default dict }}
  {{- $config := merge (deepCopy ($global.config | default dict)) (deepCopy .Values.config) }}
  {{- range $key, $value := $config }}
  {{ $key }}: {{ tpl ($value | toString) $ | quote }}
  {{- end }}
{{- end -}}

{{- define "crm-lib.deployment" -}}
{{- $grace := add .Values.shutdown.preStopSeconds .Values.shutdown.springTimeoutSeconds 5 -}}
{{- if lt (int .Values.shutdown.terminationGracePeriodSeconds) (int $grace) -}}
{{- fail (printf "shutdown.terminationGracePeriodSeconds must be at least preStopSeconds + springTimeoutSeconds + 5 = %d" (int $grace)) -}}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "crm-lib.selectorLabels" . | nindent 6 }}
  strategy:
    {{- if eq (.Values.updateStrategy | default "RollingUpdate") "Recreate" }}
    type: Recreate
    {{- else }}
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
    {{- end }}
  template:
    metadata:
      labels:
        {{- include "crm-lib.labels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        # A changed ConfigMap rolls the pods: configuration is read at start only.
        checksum/config: {{ include "crm-lib.configmap" . | sha256sum }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "crm-lib.serviceAccountName" . }}
      automountServiceAccountToken: false
      {{- $global := .Values.global | default dict }}
      {{- with (.Values.imagePullSecrets | default $global.imagePullSecrets) }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      terminationGracePeriodSeconds: {{ .Values.shutdown.terminationGracePeriodSeconds }}
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ .Values.securityContext.runAsUser }}
        runAsGroup: {{ .Values.securityContext.runAsGroup }}
        fsGroup: {{ .Values.securityContext.runAsGroup }}
        seccompProfile:
          type: RuntimeDefault
      {{- if .Values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: {{ .Values.topologySpread.zoneWhenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "crm-lib.selectorLabels" . | nindent 14 }}
          matchLabelKeys: [pod-template-hash]
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: {{ .Values.topologySpread.hostWhenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "crm-lib.selectorLabels" . | nindent 14 }}
          matchLabelKeys: [pod-template-hash]
      {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: {{ include "crm-lib.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .Values.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "crm-lib.fullname" . }}
            {{- range .Values.envFromSecrets }}
            - secretRef:
                name: {{ . }}
            {{- end }}
          env:
            # The heap follows the container's memory limit; an OutOfMemoryError ends the pod instead of leaving a
            # half-working JVM behind.
            - name: JAVA_TOOL_OPTIONS
              value: {{ printf "-XX:MaxRAMPercentage=%v -XX:InitialRAMPercentage=%v -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp %s" .Values.jvm.maxRamPercentage .Values.jvm.initialRamPercentage .Values.jvm.extraOptions | trim | quote }}
            {{- range .Values.secretEnv }}
            - name: {{ .name }}
              valueFrom:
                secretKeyRef:
                  name: {{ .secretName }}
                  key: {{ .key }}
            {{- end }}
            {{- with .Values.env }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            runAsNonRoot: true
            runAsUser: {{ .Values.securityContext.runAsUser }}
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: false
            capabilities:
              drop: [ALL]
            seccompProfile:
              type: RuntimeDefault
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ .Values.probes.startup.periodSeconds }}
            timeoutSeconds: {{ .Values.probes.startup.timeoutSeconds }}
            failureThreshold: {{ .Values.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
            periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
          lifecycle:
            # Endpoints and the ingress drop the pod while it still serves; then Spring drains in-flight requests.
            preStop:
              exec:
                command: ["sleep", "{{ .Values.shutdown.preStopSeconds }}"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end -}}

{{- define "crm-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  selector:
    {{- include "crm-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{- define "crm-lib.serviceaccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "crm-lib.serviceAccountName" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}
{{- end -}}
