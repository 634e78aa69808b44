package io.ledgerline.testkit.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/** The in-memory MongoDB-wire backend for tests, answering {@code hello}. */
public class InMemoryBackend extends MemoryBackend {

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (HelloCommand.isHello(command)) {
            return HelloCommand.answer(this, channel, database, query);
        }
        return super.handleCommand(channel, database, command, query);
    }
}
