package io.ledgerline.testkit.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server 1.47 answers the legacy {@code isMaster} but not {@code hello}, which Spring Boot's
 * MongoDB health indicator sends; without this the health shows DOWN. Answers {@code hello} like
 * {@code isMaster}, plus {@code isWritablePrimary}.
 */
final class HelloCommand {

    private HelloCommand() {
    }

    static boolean isHello(String command) {
        return "hello".equalsIgnoreCase(command);
    }

    static Document answer(MongoBackend backend, Channel channel, String database, Document query) {
        Document response = backend.handleCommand(channel, database, "isMaster", query);
        response.put("isWritablePrimary", Boolean.TRUE);
        return response;
    }
}
