// A producer of dialogs send-message events as a Confluent shop writes them: Confluent's own Avro serializer
// (@confluentinc/schemaregistry) with the latest schema registered under the topic's subject, and kafkajs.
// Usage: node produce.js <bootstrap servers> <registry URL, e.g. http://127.0.0.1:8080/apis/ccompat/v7> <events.json>
// events.json holds [{"key": "42", "value": {message_id, sender_id, recipient_id, text, sent_at, idempotency_key}}].
// Prints one line per record: "<partition>@<offset> <schema id>".
'use strict';
const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistryClient, AvroSerializer, SerdeType } = require('@confluentinc/schemaregistry');

const TOPIC = 'dialogs.send-message';

async function main([bootstrap, registryUrl, eventsFile]) {
  const events = JSON.parse(fs.readFileSync(eventsFile, 'utf8'));
  const registry = new SchemaRegistryClient({ baseURLs: [registryUrl] });
  // the schemas this repository ships are registered by the system; a producer writes with the latest of them
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true });
  const kafka = new Kafka({ clientId: 'confluent-producer', brokers: bootstrap.split(','), logLevel: logLevel.WARN });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const messages = [];
    for (const event of events) {
      messages.push({ key: event.key, value: await serializer.serialize(TOPIC, event.value) });
    }
    const acks = await producer.send({ topic: TOPIC, acks: -1, messages });
    for (const message of messages) {
      console.log(`schema-id ${message.value.readInt32BE(1)}`);
    }
    for (const ack of acks) {
      console.log(`acked ${ack.partition}@${ack.baseOffset}`);
    }
  } finally {
    await producer.disconnect();
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
