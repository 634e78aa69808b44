package io.ledgerline.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerline.command.account.AccountRequests.CloseRequest;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key's row keeps a hash of the request's JSON. The previous version hashed a close by its account id
 * written as a JSON string; a close retried after an upgrade with the same key must hash the same, or it would be
 * answered 422 idempotency-key-reused.
 */
class CloseRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCloseIsWrittenAsThePreviousVersionHashedIt() throws Exception {
        assertThat(json.writeValueAsString(new CloseRequest("acc-1"))).isEqualTo(json.writeValueAsString("acc-1"))
                .isEqualTo("\"acc-1\"");
    }
}
