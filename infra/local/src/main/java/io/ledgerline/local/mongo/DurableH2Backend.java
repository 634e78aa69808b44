package io.ledgerline.local.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Set;

/**
 * The on-disk MongoDB-wire backend of the local stack. H2's MVStore otherwise commits in the background
 * (about every second), so a write it acknowledged could be lost to a SIGKILL while the query-service has
 * already committed its Kafka offset past it. Committing the store before answering a write makes an
 * acknowledged write survive the process, as a journaled MongoDB write would.
 */
public class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "renamecollection", "create");

    public DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (HelloCommand.isHello(command)) {
            return HelloCommand.answer(this, channel, database, query);
        }
        Document response = super.handleCommand(channel, database, command, query);
        if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
            commit();
        }
        return response;
    }
}
