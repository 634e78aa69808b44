package io.ledgerline.testkit.mongo;

import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.JvmOptions;
import io.ledgerline.testkit.process.ProcessContext;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The durable MongoDB-wire server ({@link MongoWireServer#main}) as its own JVM, healthy once it answers a
 * {@code ping} command. The ping is written by hand (one OP_MSG) so this module needs no MongoDB driver, which
 * would otherwise leak into the services' test class path.
 */
public final class MongoProcess {

    public static final String NAME = "mongo";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int OP_MSG = 2013;

    private MongoProcess() {
    }

    public static ChildProcess process(Path dataFile, int port, String heap, ProcessContext context) {
        List<String> command = context.javaCommand(heap, JvmOptions.mongo(), MongoWireServer.class.getName(),
                List.of(Integer.toString(port), dataFile.toAbsolutePath().toString()));
        return new ChildProcess(NAME, context, command, Map.of(), () -> ping(port), STOP_GRACE, () -> { });
    }

    /** Sends {@code {ping: 1, $db: "admin"}} and checks the reply says {@code ok: 1.0}. */
    public static boolean ping(int port) throws IOException {
        byte[] command = bson();
        ByteBuffer message = ByteBuffer.allocate(16 + 4 + 1 + command.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(message.capacity()).putInt(1).putInt(0).putInt(OP_MSG) // header
                .putInt(0).put((byte) 0).put(command);                            // flags, body section
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(message.array());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] length = in.readNBytes(4);
            int total = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
            ByteBuffer reply = ByteBuffer.wrap(in.readNBytes(total - 4)).order(ByteOrder.LITTLE_ENDIAN);
            if (reply.getInt(8) != OP_MSG) {
                return false;
            }
            reply.position(12 + 4 + 1); // requestId, responseTo, opCode, flags, section kind
            return okIsOne(reply.slice().order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    private static byte[] bson() {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        elements.write(0x10);
        writeCString(elements, "ping");
        writeInt(elements, 1);
        elements.write(0x02);
        writeCString(elements, "$db");
        writeInt(elements, "admin".length() + 1);
        writeCString(elements, "admin");
        elements.write(0x00);
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        writeInt(document, elements.size() + 4);
        document.writeBytes(elements.toByteArray());
        return document.toByteArray();
    }

    /** Walks the top-level elements of a BSON document looking for {@code ok}, numeric and equal to 1. */
    private static boolean okIsOne(ByteBuffer doc) {
        int end = doc.getInt(0);
        doc.position(4);
        while (doc.position() < end - 1) {
            byte type = doc.get();
            StringBuilder name = new StringBuilder();
            for (byte b = doc.get(); b != 0; b = doc.get()) {
                name.append((char) b);
            }
            double number = Double.NaN;
            switch (type) {
                case 0x01 -> number = doc.getDouble();
                case 0x10 -> number = doc.getInt();
                case 0x12 -> number = doc.getLong();
                case 0x08 -> number = doc.get();
                case 0x09 -> doc.getLong();
                case 0x02 -> doc.position(doc.position() + 4 + doc.getInt(doc.position()));
                case 0x03, 0x04 -> doc.position(doc.position() + doc.getInt(doc.position()));
                case 0x07 -> doc.position(doc.position() + 12);
                case 0x0A -> { }
                default -> {
                    return false; // a type a ping reply does not contain
                }
            }
            if (name.toString().equals("ok")) {
                return number == 1.0;
            }
        }
        return false;
    }

    private static void writeCString(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }
}
