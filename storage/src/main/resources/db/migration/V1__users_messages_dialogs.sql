-- Every table is keyed by the user it belongs to, so that on Citus each can be distributed by that id and
-- colocated with the others: users by id, messages by sender_id, user_dialogs by owner_id. Every primary key
-- and unique constraint therefore includes that column.

CREATE TABLE users (
    id            bigserial   PRIMARY KEY,
    first_name    text        NOT NULL,
    second_name   text        NOT NULL,
    birthdate     date,
    biography     text,
    city          text,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE messages (
    sender_id       bigint      NOT NULL,
    id              uuid        NOT NULL,
    recipient_id    bigint      NOT NULL,
    text            text        NOT NULL,
    sent_at         timestamptz NOT NULL,
    idempotency_key text,
    stored_at       timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz,
    PRIMARY KEY (sender_id, id)
);

-- A retried send with the same key from the same sender is stored once.
CREATE UNIQUE INDEX messages_sender_idempotency_key
    ON messages (sender_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- One direction of a conversation, in order: the sender's shard only.
CREATE INDEX messages_conversation ON messages (sender_id, recipient_id, sent_at, id);

-- "My dialogs": one row per (owner, peer), kept by the writer in the same transaction as the messages.
CREATE TABLE user_dialogs (
    owner_id        bigint      NOT NULL,
    peer_id         bigint      NOT NULL,
    last_message_id uuid        NOT NULL,
    last_sender_id  bigint      NOT NULL,
    last_text       text        NOT NULL,
    last_sent_at    timestamptz NOT NULL,
    unread_count    integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, peer_id)
);

CREATE INDEX user_dialogs_recent ON user_dialogs (owner_id, last_sent_at DESC);
