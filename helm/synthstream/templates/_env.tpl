{{/* Container env: managed SYNTHSTREAM_* and OTEL_* variables, then values.extraEnv. */}}
{{- define "synthstream.env" -}}
- name: SYNTHSTREAM_PORT
  value: {{ .Values.ports.grpc | quote }}
- name: SYNTHSTREAM_ADMIN_PORT
  value: {{ .Values.ports.admin | quote }}
- name: SYNTHSTREAM_WORKERS
  value: {{ .Values.config.workers | quote }}
- name: SYNTHSTREAM_DRAIN_SECONDS
  value: {{ .Values.config.drainSeconds | quote }}
{{- if .Values.config.maxRowsPerRequest }}
- name: SYNTHSTREAM_MAX_ROWS_PER_REQUEST
  value: {{ .Values.config.maxRowsPerRequest | int64 | quote }}
{{- end }}
{{- if .Values.config.maxConcurrentStreams }}
- name: SYNTHSTREAM_MAX_CONCURRENT_STREAMS
  value: {{ .Values.config.maxConcurrentStreams | quote }}
{{- end }}
- name: SYNTHSTREAM_LOG_LEVEL
  value: {{ .Values.config.logLevel | quote }}
{{- if .Values.otel.enabled }}
- name: OTEL_SERVICE_NAME
  value: {{ include "synthstream.name" . | quote }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ .Values.otel.endpoint | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ .Values.otel.protocol | quote }}
- name: OTEL_TRACES_SAMPLER
  value: parentbased_traceidratio
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ .Values.otel.samplerRatio | quote }}
- name: K8S_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "k8s.namespace.name=%s,k8s.pod.name=$(K8S_POD_NAME),cloud.region=%s" .Release.Namespace .Values.region | quote }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
