package org.dialogs.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;

/**
 * Records a hostile or careless producer could put on the send-message topic, interleaved with valid ones, made
 * from a seed so a failing run can be repeated: random bytes, truncations, unknown fingerprints, tombstones,
 * trailing bytes, schema-valid events that break the rules at their extremes, events of users who do not exist,
 * and exact duplicates of valid records.
 */
final class HostileRecords {

    /** One record to publish: its key and value, and whether the writer must store it ({@code messageId}). */
    record Planned(String kind, String key, byte[] value, UUID messageId) {
        boolean valid() {
            return messageId != null;
        }
    }

    private static final SendMessageSerializer SERIALIZER = new SendMessageSerializer();
    private static final MessageIdGenerator IDS = MessageIdGenerator.systemDefault();
    private static final long NOT_A_USER = 900_000_000_000L;

    private final Random random;
    private final List<Long> users;
    private final Instant now;
    private final List<Planned> validSoFar = new ArrayList<>();

    HostileRecords(long seed, List<Long> users, Instant now) {
        this.random = new Random(seed);
        this.users = users;
        this.now = now;
    }

    /** {@code hostile} hostile records among {@code valid} valid ones (duplicates count as valid), shuffled. */
    List<Planned> generate(int hostile, int valid) {
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < valid; i++) {
            Planned next = i > 10 && random.nextInt(10) == 0 ? duplicate() : valid();
            validSoFar.add(next);
            planned.add(next);
        }
        for (int i = 0; i < hostile; i++) {
            planned.add(hostile());
        }
        java.util.Collections.shuffle(planned, random);
        return planned;
    }

    private Planned valid() {
        long sender = user();
        SendMessage.Builder event = event(sender, peerOf(sender));
        switch (random.nextInt(4)) {
            case 0 -> event.setText("😀".repeat(4096));
            case 1 -> event.setText("x".repeat(4096));
            case 2 -> event.setIdempotencyKey("retry-" + UUID.randomUUID());
            default -> event.setSentAt(now.minusMillis(random.nextInt(3_600_000)));
        }
        SendMessage message = event.build();
        return new Planned("valid", Topics.senderKey(sender), SERIALIZER.serialize(Topics.SEND_MESSAGE, message),
                message.getMessageId());
    }

    private Planned duplicate() {
        Planned original = validSoFar.get(random.nextInt(validSoFar.size()));
        return new Planned("duplicate", original.key(), original.value().clone(), original.messageId());
    }

    private Planned hostile() {
        return switch (random.nextInt(8)) {
            case 0 -> bad("random bytes", Topics.senderKey(user()), randomBytes(random.nextInt(300)));
            case 1 -> truncated();
            case 2 -> unknownFingerprint();
            case 3 -> bad("tombstone", Topics.senderKey(user()), null);
            case 4 -> trailingBytes();
            case 5 -> wrongKey();
            case 6 -> unknownUser();
            default -> extreme();
        };
    }

    private Planned truncated() {
        byte[] whole = encode(event(user(), 0).build());
        return bad("truncated", null, Arrays.copyOf(whole, random.nextInt(whole.length)));
    }

    private Planned unknownFingerprint() {
        byte[] whole = encode(event(user(), 0).build());
        byte[] fingerprint = randomBytes(8);
        System.arraycopy(fingerprint, 0, whole, 2, 8);
        return bad("unknown fingerprint", null, whole);
    }

    private Planned trailingBytes() {
        byte[] whole = encode(event(user(), 0).build());
        byte[] longer = Arrays.copyOf(whole, whole.length + 1 + random.nextInt(10));
        return bad("trailing bytes", null, longer);
    }

    private Planned wrongKey() {
        long sender = user();
        String key = switch (random.nextInt(3)) {
            case 0 -> Topics.senderKey(peerOf(sender));
            case 1 -> "0" + sender;
            default -> null;
        };
        return new Planned("key not the sender", key, encode(event(sender, peerOf(sender)).build()), null);
    }

    private Planned unknownUser() {
        if (random.nextBoolean()) {
            long sender = NOT_A_USER + random.nextInt(1_000_000);
            return bad("sender not a user", null, encode(event(sender, user()).build()));
        }
        long sender = user();
        return bad("recipient not a user", null, encode(event(sender, NOT_A_USER + random.nextInt(3)).build()));
    }

    private Planned extreme() {
        long sender = user();
        SendMessage.Builder event = event(sender, peerOf(sender));
        String kind = switch (random.nextInt(14)) {
            case 0 -> set(event.setSentAt(Instant.ofEpochMilli(Long.MAX_VALUE)), "sent_at at Long.MAX_VALUE");
            case 1 -> set(event.setSentAt(Instant.ofEpochMilli(Long.MIN_VALUE)), "sent_at at Long.MIN_VALUE");
            case 2 -> set(event.setSentAt(Instant.ofEpochMilli(10_000_000_000_000_000L)), "sent_at at 10^16 ms");
            case 3 -> set(event.setSentAt(now.plus(Duration.ofDays(365)).plusSeconds(10L * random.nextInt(60))),
                    "sent_at a year ahead");
            case 4 -> set(event.setSentAt(Instant.EPOCH), "sent_at at the epoch");
            case 5 -> set(event.setRecipientId(0), "recipient 0");
            case 6 -> set(event.setRecipientId(-1 - random.nextInt(1000)), "negative recipient");
            case 7 -> set(event.setRecipientId(sender), "to oneself");
            case 8 -> set(event.setText("ы".repeat(4097)), "text over the limit");
            case 9 -> set(event.setText(random.nextBoolean() ? "" : " \t\n"), "blank text");
            case 10 -> set(event.setText("a\u0000b"), "NUL in text");
            case 11 -> set(event.setMessageId(UUID.randomUUID()), "message id not UUIDv7");
            case 12 -> set(event.setIdempotencyKey("with space"), "bad idempotency key");
            default -> {
                long id = random.nextBoolean() ? 0 : random.nextBoolean() ? -sender : Long.MIN_VALUE;
                event.setSenderId(id);
                yield "sender " + id;
            }
        };
        SendMessage message = event.build();
        return bad(kind, Topics.senderKey(message.getSenderId()), encode(message));
    }

    private static String set(SendMessage.Builder ignored, String kind) {
        return kind;
    }

    private Planned bad(String kind, String key, byte[] value) {
        if (key == null && value != null) {
            key = keyOf(value);
        }
        return new Planned(kind, key, value, null);
    }

    /** The sender key of an encoded event, or a user's when it cannot be read: such a record goes anywhere. */
    private String keyOf(byte[] value) {
        try {
            return Topics.senderKey(new org.dialogs.schemas.SendMessageDeserializer()
                    .deserialize(Topics.SEND_MESSAGE, value).getSenderId());
        } catch (RuntimeException e) {
            return Topics.senderKey(user());
        }
    }

    private SendMessage.Builder event(long sender, long recipient) {
        return SendMessage.newBuilder().setMessageId(IDS.next()).setSenderId(sender)
                .setRecipientId(recipient == 0 ? peerOf(sender) : recipient)
                .setText("hostile suite " + random.nextInt()).setSentAt(now).setIdempotencyKey(null);
    }

    private long user() {
        return users.get(random.nextInt(users.size()));
    }

    /** One of three fixed peers of each sender, so nobody writes to many people and trips the detector. */
    private long peerOf(long sender) {
        int index = users.indexOf(sender);
        return users.get((index + 1 + random.nextInt(3)) % users.size());
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (length > 1 && random.nextBoolean()) {
            bytes[0] = (byte) 0xC3;
            bytes[1] = 0x01;
        }
        return bytes;
    }

    private static byte[] encode(SendMessage event) {
        return SERIALIZER.serialize(Topics.SEND_MESSAGE, event);
    }

    static String describe(Planned planned) {
        return planned.kind() + " key=" + planned.key() + " value="
                + (planned.value() == null ? "null" : new String(planned.value(), 0,
                        Math.min(planned.value().length, 40), StandardCharsets.ISO_8859_1));
    }
}
