package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceStatementsTest {

    private static final String READER =
            "api-gateway/src/main/java/org/dialogs/gateway/dialog/ConversationReader.java";

    @Test
    void constant_aTextBlock_isTheStatementWithoutItsIndentation() {
        assertThat(SourceStatements.constant(READER, "ONE_DIRECTION"))
                .startsWith("SELECT id, sender_id, recipient_id, text, sent_at, read_at\n  FROM messages\n")
                .contains("ORDER BY sent_at DESC, id DESC");
    }

    @Test
    void constant_aOneLineString_isItsText() {
        assertThat(SourceStatements.constant("api-gateway/src/main/java/org/dialogs/gateway/user/UserRepository.java",
                "EXISTS")).isEqualTo("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)");
    }

    @Test
    void constant_missing_saysWhich() {
        assertThatThrownBy(() -> SourceStatements.constant(READER, "NO_SUCH_SQL"))
                .hasMessageContaining("NO_SUCH_SQL");
    }
}
