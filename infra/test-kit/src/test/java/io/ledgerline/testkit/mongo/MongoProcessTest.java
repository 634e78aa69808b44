package io.ledgerline.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class MongoProcessTest {

    @Test
    void pingIsAnsweredByTheWireServer() throws Exception {
        try (MongoWireServer server = MongoWireServer.inMemory()) {
            assertThat(MongoProcess.ping(server.port())).isTrue();
        }
    }

    @Test
    void pingFailsWhereNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> MongoProcess.ping(port)).isInstanceOf(IOException.class);
    }
}
