package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DialogRowUpdateTest {

    private static StoredMessage message(long from, long to, long at) {
        return new StoredMessage(new UUID(at, at), from, to, "m" + at, at);
    }

    @Test
    void of_oneMessage_updatesBothSides_unreadOnlyForTheRecipient() {
        List<DialogRowUpdate> rows = DialogRowUpdate.of(List.of(message(1, 2, 10)));

        assertThat(rows).extracting(DialogRowUpdate::ownerId, DialogRowUpdate::peerId, DialogRowUpdate::unreadIncrement)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(1L, 2L, 0),
                        org.assertj.core.groups.Tuple.tuple(2L, 1L, 1));
    }

    @Test
    void of_severalMessagesInOneConversation_keepsTheNewestAndCountsUnreadPerOwner() {
        List<DialogRowUpdate> rows = DialogRowUpdate.of(List.of(
                message(1, 2, 30), message(2, 1, 20), message(1, 2, 10), message(1, 2, 40)));

        DialogRowUpdate twoAboutOne = rows.stream().filter(r -> r.ownerId() == 2).findFirst().orElseThrow();
        DialogRowUpdate oneAboutTwo = rows.stream().filter(r -> r.ownerId() == 1).findFirst().orElseThrow();
        assertThat(rows).hasSize(2);
        assertThat(twoAboutOne.unreadIncrement()).isEqualTo(3);
        assertThat(oneAboutTwo.unreadIncrement()).isEqualTo(1);
        assertThat(twoAboutOne.last().sentAtMillis()).isEqualTo(40);
        assertThat(oneAboutTwo.last().sentAtMillis()).isEqualTo(40);
    }

    @Test
    void of_sameMillisecond_ordersIdsUnsignedAsPostgresDoes() {
        StoredMessage low = new StoredMessage(new UUID(0x7000_0000_0000_0000L, 1), 1, 2, "low", 5);
        StoredMessage high = new StoredMessage(new UUID(0x8000_0000_0000_0000L, 1), 1, 2, "high", 5);

        assertThat(high.isAfter(low)).isTrue();
        assertThat(DialogRowUpdate.of(List.of(high, low)).get(0).last()).isEqualTo(high);
    }

    @Test
    void of_nothingStored_nothingToUpdate() {
        assertThat(DialogRowUpdate.of(List.of())).isEmpty();
    }
}
