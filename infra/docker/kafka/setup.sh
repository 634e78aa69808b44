#!/bin/bash
# The Compose stack's Kafka principals and ACLs (docs/security.md "ACLs"), applied on every `docker compose up`:
# upserting a SCRAM credential and adding an ACL that exists are both no-ops. Runs as the PLAIN super user on the
# broker's BROKER listener, the only one where no SCRAM credential is needed yet.
set -euo pipefail
BIN=/opt/kafka/bin
ADMIN_CONFIG=/tmp/admin.properties
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="kafka-admin" password="%s";\n' \
  "$KAFKA_ADMIN_PASSWORD" > "$ADMIN_CONFIG"
ADMIN=(--bootstrap-server kafka:9095 --command-config "$ADMIN_CONFIG")
PRODUCER=payments-gateway

user() {
  "$BIN/kafka-configs.sh" "${ADMIN[@]}" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[password=$2]"
}
allow() {
  "$BIN/kafka-acls.sh" "${ADMIN[@]}" --add --allow-principal "User:$1" "${@:2}" > /dev/null
}

user command-service "$KAFKA_COMMAND_SERVICE_PASSWORD"
user query-service "$KAFKA_QUERY_SERVICE_PASSWORD"
user "$PRODUCER" "$KAFKA_PRODUCER_PASSWORD"

# command-service creates its topics at start-up, reads every producer's commands, writes events and results
allow command-service --operation Create --operation Describe --operation DescribeConfigs \
  --resource-pattern-type prefixed --topic ledger.
allow command-service --operation Read --resource-pattern-type prefixed --topic ledger.commands.v1.
allow command-service --operation Write --resource-pattern-type prefixed --topic ledger.commands.v1.
allow command-service --operation Write --resource-pattern-type prefixed --topic ledger.command-results.v1.
allow command-service --operation Write --topic ledger.account-events.v1 --topic ledger.transfer-events.v1
allow command-service --operation Read --group ledger-commands
allow command-service --operation IdempotentWrite --cluster

# query-service: reads the event topics, writes their dead letters, creates those if absent
allow query-service --operation Read --operation Describe \
  --topic ledger.account-events.v1 --topic ledger.transfer-events.v1
allow query-service --operation Write --operation Describe --operation Create \
  --topic ledger.account-events.v1.dlt --topic ledger.transfer-events.v1.dlt
allow query-service --operation Read --resource-pattern-type prefixed --group ledger-query
allow query-service --operation IdempotentWrite --cluster

# the command producer: its own command topic, its own results, its own groups
allow "$PRODUCER" --operation Write --operation Describe --topic "ledger.commands.v1.$PRODUCER"
allow "$PRODUCER" --operation Read --operation Describe --topic "ledger.command-results.v1.$PRODUCER"
allow "$PRODUCER" --operation Read --resource-pattern-type prefixed --group "$PRODUCER"
allow "$PRODUCER" --operation IdempotentWrite --cluster

echo "Kafka users and ACLs are in place"
