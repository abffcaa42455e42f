{{/* Name of a service's resources: <release>-<service>. */}}
{{- define "sn.name" -}}
{{- printf "%s-%s" .root.Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sn.labels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: service-network
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "sn.selector" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "sn.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "sn.natsUrl" -}}
{{- default (printf "nats://%s-nats:4222" .Release.Name) .Values.natsUrl -}}
{{- end -}}

{{/* Environment of one service: plain settings, then secrets by reference. */}}
{{- define "sn.env" -}}
{{- $root := .root -}}
- name: APP
  value: {{ .service | quote }}
{{- range $k, $v := $root.Values.env }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
- name: NATS_URL
  value: {{ include "sn.natsUrl" $root | quote }}
- name: NATS_USER
  value: {{ .service | quote }}
- name: NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "secrets.nats is required" $root.Values.secrets.nats }}
      key: {{ .service }}
{{- if ne .service "gateway" }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "database.secretName is required" $root.Values.database.secretName }}
      key: {{ $root.Values.database.secretKey }}
- name: HEALTH_PORT
  value: {{ $root.Values.healthPort | quote }}
{{- end }}
{{- range $name, $key := .config.secretEnv }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ required "secrets.app is required" $root.Values.secrets.app }}
      key: {{ $key }}
{{- end }}
{{- end -}}
