package org.dialogs.writer;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.dialogs.writer.IncomingBatch.Accepted;
import org.dialogs.writer.IncomingBatch.Rejected;
import org.springframework.stereotype.Component;

/**
 * Stores the accepted events of one poll, normally in one transaction. Events of senders or recipients who are
 * not users are refused. When the database refuses the batch for what a record holds, the batch is halved, and
 * halved again, until each refused record stands alone: its neighbours are stored, it is refused with the
 * database's words. A failing database is not the records' fault: that failure is thrown, to be retried.
 */
@Component
class PollStore {

    /** What a poll came to: messages stored for the first time, transactions run, and the records refused. */
    record Outcome(int stored, int transactions, List<Rejected> refused) {
    }

    private final BatchWriter writer;
    private final RegisteredUsers users;
    private final WriterMetrics metrics;

    PollStore(BatchWriter writer, RegisteredUsers users, WriterMetrics metrics) {
        this.writer = writer;
        this.users = users;
        this.metrics = metrics;
    }

    Outcome store(List<Accepted> accepted) {
        List<Rejected> refused = new ArrayList<>();
        List<Accepted> storable = withoutUnknownUsers(accepted, refused);
        int[] transactions = {0};
        int stored = storeOrSplit(storable, refused, transactions);
        return new Outcome(stored, transactions[0], refused);
    }

    private List<Accepted> withoutUnknownUsers(List<Accepted> accepted, List<Rejected> refused) {
        Set<Long> unknown = users.unknownAmong(accepted.stream()
                .flatMap(a -> Stream.of(a.event().getSenderId(), a.event().getRecipientId())).distinct().toList());
        if (unknown.isEmpty()) {
            return accepted;
        }
        List<Accepted> storable = new ArrayList<>(accepted.size());
        for (Accepted a : accepted) {
            if (unknown.contains(a.event().getSenderId())) {
                refused.add(new Rejected(a.record(), new UnknownUserException(
                        "sender_id " + a.event().getSenderId() + " is not a registered user")));
            } else if (unknown.contains(a.event().getRecipientId())) {
                refused.add(new Rejected(a.record(), new UnknownUserException(
                        "recipient_id " + a.event().getRecipientId() + " is not a registered user")));
            } else {
                storable.add(a);
            }
        }
        return storable;
    }

    private int storeOrSplit(List<Accepted> part, List<Rejected> refused, int[] transactions) {
        if (part.isEmpty()) {
            return 0;
        }
        try {
            transactions[0]++;
            // write() returns after its transaction committed: the messages are stored from this point on
            List<StoredMessage> stored = writer.write(part.stream().map(Accepted::event).toList());
            metrics.committed(stored);
            return stored.size();
        } catch (RuntimeException e) {
            Optional<SQLException> content = DatabaseRefusal.ofContent(e);
            if (content.isEmpty()) {
                throw e;
            }
            if (part.size() == 1) {
                refused.add(new Rejected(part.get(0).record(), new RefusedByDatabaseException(content.get())));
                return 0;
            }
            int half = part.size() / 2;
            return storeOrSplit(part.subList(0, half), refused, transactions)
                    + storeOrSplit(part.subList(half, part.size()), refused, transactions);
        }
    }
}
