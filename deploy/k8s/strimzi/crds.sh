#!/usr/bin/env bash
# Writes Strimzi's KafkaTopic and KafkaUser CRDs (kafka.strimzi.io/v1) into a directory, with
# Strimzi's own generator run on Strimzi's published API model (both from Maven Central, see
# pom.xml). Needs Maven and a Java of 21 or later (JAVA_HOME, else the newest under /usr/lib/jvm).
#   bash deploy/k8s/strimzi/crds.sh <out-dir>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: crds.sh <out-dir>}"
mkdir -p "$out"
if [ -s "$out/kafkatopic.yaml" ] && [ -s "$out/kafkauser.yaml" ]; then exit 0; fi
java=""
for candidate in "${JAVA_HOME:-}/bin/java" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
  [ -x "$candidate" ] || continue
  major="$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  if [ "${major:-0}" -ge 21 ] 2>/dev/null; then java="$candidate"; break; fi
done
[ -n "$java" ] || { echo "crds.sh: Strimzi's generator needs Java 21 or later (set JAVA_HOME)" >&2; exit 1; }
mvn -q -B -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >&2
"$java" -cp "$(cat "$out/classpath.txt")" io.strimzi.crdgenerator.CrdGenerator --yaml --crd-api-version v1 --api-versions v1 \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$out/kafkatopic.yaml" \
  io.strimzi.api.kafka.model.user.KafkaUser="$out/kafkauser.yaml" >&2
test -s "$out/kafkatopic.yaml" && test -s "$out/kafkauser.yaml"
