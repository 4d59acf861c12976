package org.dialogs.writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change one batch makes to one per-user dialog row: its newest message and how many messages the owner
 * received unread. A message from A to B changes A's row for B and B's row for A.
 */
record DialogRowUpdate(long ownerId, long peerId, StoredMessage last, int unreadIncrement) {

    static List<DialogRowUpdate> of(List<StoredMessage> stored) {
        Map<List<Long>, DialogRowUpdate> rows = new LinkedHashMap<>();
        for (StoredMessage m : stored) {
            merge(rows, new DialogRowUpdate(m.senderId(), m.recipientId(), m, 0));
            merge(rows, new DialogRowUpdate(m.recipientId(), m.senderId(), m, 1));
        }
        return new ArrayList<>(rows.values());
    }

    private static void merge(Map<List<Long>, DialogRowUpdate> rows, DialogRowUpdate next) {
        rows.merge(List.of(next.ownerId, next.peerId), next, (a, b) -> new DialogRowUpdate(a.ownerId, a.peerId,
                b.last.isAfter(a.last) ? b.last : a.last, a.unreadIncrement + b.unreadIncrement));
    }
}
