{{/* Names, labels and the small computations every template shares. */}}

{{- define "fedhub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped prefix of every object; short enough for "<prefix>-socket-gateway". */}}
{{- define "fedhub.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The four services: values key, object and component name. */}}
{{- define "fedhub.services" -}}
auth: auth
coreApi: core-api
socketGateway: socket-gateway
mailer: mailer
{{- end -}}

{{- define "fedhub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fedhub.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "fedhub.labels" -}}
{{ include "fedhub.selectorLabels" . }}
app.kubernetes.io/part-of: fedhub
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "fedhub.image" -}}
{{- $image := .root.Values.image -}}
{{- $name := printf "%s/%s" $image.repository .component -}}
{{- if $image.registry }}{{ $name = printf "%s/%s" $image.registry $name }}{{ end -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $name $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $name (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "fedhub.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "fedhub.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "fedhub.configMapName" -}}{{ include "fedhub.fullname" . }}-config{{- end -}}
{{- define "fedhub.envSecretName" -}}{{ include "fedhub.fullname" . }}-env{{- end -}}
{{- define "fedhub.migrateName" -}}{{ include "fedhub.fullname" . }}-migrate{{- end -}}
{{- define "fedhub.keysSecretName" -}}
{{- default (printf "%s-keys" (include "fedhub.fullname" .)) .Values.keys.existingSecret -}}
{{- end -}}

{{/* The API path as fedhub normalises it: no trailing slash, '' for the host root. */}}
{{- define "fedhub.apiPath" -}}
{{- $path := ternary .Values.config.api_path "/api" (hasKey .Values.config "api_path") -}}
{{- regexReplaceAll "/+$" (toString $path) "" -}}
{{- end -}}

{{- define "fedhub.bodyLimitMb" -}}
{{- dig "fedhub" "body_limit_mb" 64 .Values.config -}}
{{- end -}}

{{/*
Where a secret value comes from: the operator's existing Secret, or the chart's own `-env`
Secret (or, for the migrate hook, its `-migrate` copy) when the value is given inline.
Arguments: root, item (a values object with `existingSecret`), key (the chart's key), value
(the inline value), hook (true for the migrate hook's copy). Empty when neither is set.
*/}}
{{- define "fedhub.secretRef" -}}
{{- if .item.existingSecret.name -}}
name: {{ .item.existingSecret.name }}
key: {{ .item.existingSecret.key }}
{{- else if .value -}}
name: {{ ternary (include "fedhub.migrateName" .root) (include "fedhub.envSecretName" .root) .hook }}
key: {{ .key }}
{{- end -}}
{{- end -}}

{{/* Fails with one sentence per missing connection, before anything reaches the cluster. */}}
{{- define "fedhub.requireConnections" -}}
{{- $v := .Values -}}
{{- if not (or $v.database.uri $v.database.existingSecret.name) -}}
{{- fail "database: set database.uri (postgresql://user:password@host:5432/db) or database.existingSecret.name" -}}
{{- end -}}
{{- if not (or $v.redis.url $v.redis.existingSecret.name) -}}
{{- fail "redis: set redis.url (redis://host:6379) or redis.existingSecret.name" -}}
{{- end -}}
{{- if not (or $v.nats.url $v.nats.existingSecret.name) -}}
{{- fail "nats: set nats.url (nats://host:4222) or nats.existingSecret.name" -}}
{{- end -}}
{{- if and $v.smtp.password (not $v.config.smtp) -}}
{{- fail "smtp.password is set but config.smtp is missing: add config.smtp (server, port, username, email_from)" -}}
{{- end -}}
{{- end -}}

{{/* Whether the mailer gets its SMTP password from a Secret. */}}
{{- define "fedhub.smtpPasswordSet" -}}
{{- if and .Values.config.smtp (or .Values.smtp.password .Values.smtp.existingSecret.name) -}}true{{- end -}}
{{- end -}}

{{/*
Environment of every fedhub process. Arguments: root, component, hook (migrate hook copy).
*/}}
{{- define "fedhub.env" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
- name: FEDHUB_CONFIG
  value: {{ ternary "/run/fedhub/config.json" "/etc/fedhub/config.yaml" (and (eq .component "mailer") (eq (include "fedhub.smtpPasswordSet" $root) "true")) }}
- name: FEDHUB_PORT
  value: "7601"
- name: FEDHUB_METRICS_PORT
  value: "7603"
- name: FEDHUB_DATA_DIR
  value: /var/lib/fedhub
{{- if has .component (list "auth" "core-api" "migrate") }}
- name: VANTAGE6_DB_URI
  valueFrom:
    secretKeyRef:
      {{- include "fedhub.secretRef" (dict "root" $root "item" $v.database "key" "database-uri" "value" $v.database.uri "hook" .hook) | nindent 6 }}
{{- end }}
- name: FEDHUB_REDIS_URL
  valueFrom:
    secretKeyRef:
      {{- include "fedhub.secretRef" (dict "root" $root "item" $v.redis "key" "redis-url" "value" $v.redis.url "hook" .hook) | nindent 6 }}
- name: FEDHUB_NATS_URL
  valueFrom:
    secretKeyRef:
      {{- include "fedhub.secretRef" (dict "root" $root "item" $v.nats "key" "nats-url" "value" $v.nats.url "hook" .hook) | nindent 6 }}
{{- if has .component (list "auth" "core-api" "socket-gateway") }}
- name: FEDHUB_PUBLIC_KEYS_FILE
  value: /var/lib/fedhub/public-keys.json
{{- end }}
{{- if and (eq .component "migrate") (or $v.rootPassword.hash $v.rootPassword.existingSecret.name) }}
- name: V6_INIT_SUPER_PASS_HASHED
  valueFrom:
    secretKeyRef:
      {{- include "fedhub.secretRef" (dict "root" $root "item" $v.rootPassword "key" "root-password-hash" "value" $v.rootPassword.hash "hook" .hook) | nindent 6 }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The ConfigMap's data. The mailer reads a JSON copy (JSON is YAML to fedhub) into which its
init container writes the SMTP password from a Secret, since the file is the only place fedhub
reads that password from.
*/}}
{{- define "fedhub.configData" -}}
config.yaml: |
  {{- toYaml .Values.config | nindent 2 }}
{{- if eq (include "fedhub.smtpPasswordSet" .) "true" }}
mailer-config.json: {{ toJson .Values.config | quote }}
{{- end }}
{{- end -}}

{{/*
Inline secret values as Secret data. Argument: root, hook (the migrate copy carries what the
job needs: the connections and the root password hash; the services' copy carries the SMTP
password instead).
*/}}
{{- define "fedhub.inlineSecretData" -}}
{{- $v := .root.Values -}}
{{- if and $v.database.uri (not $v.database.existingSecret.name) }}
database-uri: {{ $v.database.uri | b64enc | quote }}
{{- end }}
{{- if and $v.redis.url (not $v.redis.existingSecret.name) }}
redis-url: {{ $v.redis.url | b64enc | quote }}
{{- end }}
{{- if and $v.nats.url (not $v.nats.existingSecret.name) }}
nats-url: {{ $v.nats.url | b64enc | quote }}
{{- end }}
{{- if .hook }}
{{- if and $v.rootPassword.hash (not $v.rootPassword.existingSecret.name) }}
root-password-hash: {{ $v.rootPassword.hash | b64enc | quote }}
{{- end }}
{{- else if and $v.smtp.password (not $v.smtp.existingSecret.name) }}
smtp-password: {{ $v.smtp.password | b64enc | quote }}
{{- end }}
{{- end -}}

{{/*
A fresh ES256 signing key as the private JWK auth reads. genPrivateKey "ecdsa" makes a P-256
key in SEC 1 form, whose 121 DER bytes have a fixed layout: the private scalar at 7..39 and the
uncompressed public point (x at 57..89, y at 89..121) after it. The kid is the SHA-256 of the
key's RFC 7638 member string, in hex (`fedhub keys rotate` uses base64url; both are names).
*/}}
{{- define "fedhub.generatedSigningKey" -}}
{{- $pem := genPrivateKey "ecdsa" -}}
{{- $der := $pem | replace "-----BEGIN EC PRIVATE KEY-----" "" | replace "-----END EC PRIVATE KEY-----" "" | nospace | b64dec -}}
{{- if ne (len $der) 121 -}}
{{- fail (printf "unexpected P-256 key encoding (%d bytes); set keys.existingSecret instead" (len $der)) -}}
{{- end -}}
{{- $d := include "fedhub.base64url" (substr 7 39 $der) -}}
{{- $x := include "fedhub.base64url" (substr 57 89 $der) -}}
{{- $y := include "fedhub.base64url" (substr 89 121 $der) -}}
{{- $thumbprintInput := printf "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"%s\",\"y\":\"%s\"}" $x $y -}}
{{- dict "kty" "EC" "crv" "P-256" "x" $x "y" $y "d" $d "kid" (sha256sum $thumbprintInput) "alg" "ES256" "use" "sig" | toJson -}}
{{- end -}}

{{- define "fedhub.base64url" -}}
{{- . | b64enc | replace "+" "-" | replace "/" "_" | trimAll "=" -}}
{{- end -}}

{{/*
The init container's script (node -e, CommonJS): configuration, password file and output file
come as arguments; the password loses one trailing line break, as a file edited by hand has.
*/}}
{{- define "fedhub.composeSmtpConfig" -}}
const fs = require('node:fs'); const [from, secret, to] = process.argv.slice(1); const config = JSON.parse(fs.readFileSync(from, 'utf8')); config.smtp.password = fs.readFileSync(secret, 'utf8').replace(/\r?\n$/, ''); fs.writeFileSync(to, JSON.stringify(config), { mode: 0o600 })
{{- end -}}

{{/*
The ingress paths of the route table (files/routes.json, copied from packages/shared) for one
side: "socket" (socket-gateway) or "api" (every other service). Exact entries also match with
a trailing slash, as fedhub's own router does. Returns a YAML list of {path, pathType, service}.
*/}}
{{- define "fedhub.ingressPaths" -}}
{{- $apiPath := include "fedhub.apiPath" .root -}}
{{- $paths := list -}}
{{- range .root.Files.Get "files/routes.json" | fromJsonArray -}}
{{- if eq (eq .service "socket-gateway") (eq $.side "socket") -}}
{{- $path := .path -}}
{{- if eq .base "api" -}}
{{- if eq .path "" -}}
{{- $path = default "/" $apiPath -}}
{{- else -}}
{{- $path = printf "%s/%s" $apiPath (trimPrefix "/" .path) -}}
{{- end -}}
{{- end -}}
{{- if eq .match "exact" -}}
{{- $paths = append $paths (dict "path" $path "pathType" "Exact" "service" .service) -}}
{{- $paths = append $paths (dict "path" (printf "%s/" $path) "pathType" "Exact" "service" .service) -}}
{{- else -}}
{{- $paths = append $paths (dict "path" $path "pathType" "Prefix" "service" .service) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $paths -}}
{{- end -}}

{{- define "fedhub.ingressTls" -}}
{{- $tls := .Values.ingress.tls -}}
{{- if $tls.enabled -}}
tls:
  - hosts:
      - {{ .Values.ingress.host | quote }}
    secretName: {{ default (printf "%s-tls" (include "fedhub.fullname" .)) $tls.secretName }}
{{- end }}
{{- end -}}

{{/*
The NetworkPolicy spec of one component: only the flows ARCHITECTURE.md draws. Every pod may
ask the cluster DNS; the HTTP port is open to the ingress controller (not for the mailer,
which serves nobody); the metrics port to the scrapers; egress only to the data services the
component uses. Argument: root, component.
*/}}
{{- define "fedhub.networkPolicySpec" -}}
{{- $np := .root.Values.networkPolicy -}}
{{- $c := .component -}}
{{- $ingress := list -}}
{{- if and (has $c (list "auth" "core-api" "socket-gateway")) $np.ingressFrom -}}
{{- $ingress = append $ingress (dict "from" $np.ingressFrom "ports" (list (dict "port" "http" "protocol" "TCP"))) -}}
{{- end -}}
{{- if and (ne $c "migrate") $np.metricsFrom -}}
{{- $ingress = append $ingress (dict "from" $np.metricsFrom "ports" (list (dict "port" "metrics" "protocol" "TCP"))) -}}
{{- end -}}
{{- $dnsPorts := list -}}
{{- range $np.dns.ports -}}
{{- $dnsPorts = append $dnsPorts (dict "port" . "protocol" "UDP") -}}
{{- $dnsPorts = append $dnsPorts (dict "port" . "protocol" "TCP") -}}
{{- end -}}
{{- $dns := dict "ports" $dnsPorts -}}
{{- with $np.dns.to }}{{ $_ := set $dns "to" . }}{{ end -}}
{{- $egress := list $dns -}}
{{- $uses := dict "postgresql" (list "auth" "core-api" "migrate") "redis" (list "auth" "core-api" "socket-gateway" "mailer" "migrate") "nats" (list "auth" "core-api" "socket-gateway" "mailer" "migrate") "smtp" (list "mailer") -}}
{{- range $target := list "postgresql" "redis" "nats" "smtp" -}}
{{- $rule := index $np.egress $target -}}
{{- $ports := $rule.ports -}}
{{- if and (eq $target "smtp") (not $ports) -}}
{{- $ports = list (dig "smtp" "port" 1025 $.root.Values.config) -}}
{{- end -}}
{{- if and (has $c (index $uses $target)) (or (ne $target "smtp") $.root.Values.config.smtp) -}}
{{- $tcp := list -}}
{{- range $ports }}{{ $tcp = append $tcp (dict "port" . "protocol" "TCP") }}{{ end -}}
{{- $entry := dict "ports" $tcp -}}
{{- with $rule.to }}{{ $_ := set $entry "to" . }}{{ end -}}
{{- $egress = append $egress $entry -}}
{{- end -}}
{{- end -}}
podSelector:
  matchLabels:
    {{- include "fedhub.selectorLabels" (dict "root" .root "component" $c) | nindent 4 }}
policyTypes:
  - Ingress
  - Egress
ingress:
  {{- toYaml $ingress | nindent 2 }}
egress:
  {{- toYaml $egress | nindent 2 }}
{{- end -}}
