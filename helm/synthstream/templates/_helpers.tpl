{{/*
Names and labels follow the Helm best-practice layout: app.kubernetes.io/* everywhere,
and only the stable name/instance pair in selectors (selectors are immutable).
*/}}

{{- define "synthstream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; DNS labels cap at 63 chars. */}}
{{- define "synthstream.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "synthstream.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "synthstream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "synthstream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "synthstream.labels" -}}
helm.sh/chart: {{ include "synthstream.chart" . }}
{{ include "synthstream.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/component: server
app.kubernetes.io/part-of: synthstream
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "synthstream.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "synthstream.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "synthstream.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
The one formula for the shutdown budget: preStop sleep, then SIGTERM and the drain, then
a margin to exit. SYNTHSTREAM_DRAIN_SECONDS is rendered from the same value.
*/}}
{{- define "synthstream.terminationGracePeriodSeconds" -}}
{{- add .Values.lifecycle.preStopSleepSeconds .Values.config.drainSeconds .Values.lifecycle.terminationMarginSeconds }}
{{- end }}

{{/* Cross-field checks that JSON Schema cannot express; fail early with the reason. */}}
{{- define "synthstream.validate" -}}
{{- $live := .Values.probes.liveness }}
{{- if le (mul $live.periodSeconds $live.failureThreshold | int) (.Values.config.drainSeconds | int) }}
{{- fail (printf "probes.liveness: periodSeconds x failureThreshold (%d) must exceed config.drainSeconds (%d), or liveness kills pods while they drain" (mul $live.periodSeconds $live.failureThreshold | int) (.Values.config.drainSeconds | int)) }}
{{- end }}
{{- if gt (.Values.autoscaling.minReplicas | int) (.Values.autoscaling.maxReplicas | int) }}
{{- fail (printf "autoscaling: minReplicas (%d) must not exceed maxReplicas (%d)" (.Values.autoscaling.minReplicas | int) (.Values.autoscaling.maxReplicas | int)) }}
{{- end }}
{{- if eq .Values.ports.grpc .Values.ports.admin }}
{{- fail "ports: grpc and admin must differ" }}
{{- end }}
{{- end }}
