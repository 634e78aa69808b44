package io.ledgerline.contracts.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes the ledger's messages in Avro single-object encoding ({@code C3 01}, the 8-byte
 * little-endian CRC-64-AVRO fingerprint of the writer schema, then Avro binary). Every message names its
 * exact writer schema, so no registry server is needed: the writer schema is looked up among all released
 * versions in {@link SchemaHistory} and the message is read with the reader's own generated class.
 *
 * <p>Decoding cannot be made to fall over: a message larger than {@link #MAX_MESSAGE_BYTES}, or whose body does
 * not fit its writer schema ({@link BodyCheck}: a declared length or count larger than the bytes left, a union
 * branch that does not exist, trailing bytes), is malformed before Avro allocates anything for it.
 *
 * <p>Instances are thread-safe. Avro's {@link BinaryMessageDecoder} does the resolution; this class only
 * picks the decoder for the writer's full name, which Avro's per-class decoders cannot do on their own.
 */
public final class LedgerCodec {

    /**
     * The largest message any ledger topic carries (docs/product.md §5). Ledger messages are well under 1 KiB; the
     * cap leaves room for schema evolution and bounds what a hostile record can cost before it is refused.
     */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private static final LedgerCodec CONTRACTS = new LedgerCodec(SchemaHistory.released());

    private final Map<Long, Schema> writerSchemas = new HashMap<>();
    private final Map<String, BinaryMessageDecoder<SpecificRecord>> decodersByName = new HashMap<>();
    private final Map<Schema, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

    /** Builds a codec that knows every version in the history and reads with the classes on the classpath. */
    public LedgerCodec(SchemaHistory history) {
        for (Map.Entry<String, List<Schema>> entry : history.versionsByName().entrySet()) {
            Class<?> readerClass = SpecificData.get().getClass(entry.getValue().get(0));
            if (readerClass == null || !SpecificRecord.class.isAssignableFrom(readerClass)) {
                continue; // a released type this reader has no class for: its messages count as unknown schemas
            }
            Schema readerSchema = SpecificData.get().getSchema(readerClass);
            List<Schema> known = new ArrayList<>(entry.getValue());
            known.add(readerSchema);
            BinaryMessageDecoder<SpecificRecord> decoder =
                    new BinaryMessageDecoder<>(SpecificData.getForClass(readerClass), readerSchema);
            for (Schema writer : known) {
                decoder.addSchema(writer);
                writerSchemas.put(SchemaNormalization.parsingFingerprint64(writer), writer);
            }
            decodersByName.put(entry.getKey(), decoder);
        }
    }

    /** The codec for the schemas released in this {@code contracts} jar. */
    public static LedgerCodec contracts() {
        return CONTRACTS;
    }

    public byte[] encode(SpecificRecord record) {
        Schema schema = record.getSchema();
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.computeIfAbsent(schema,
                s -> new BinaryMessageEncoder<>(SpecificData.getForSchema(s), s));
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode " + schema.getFullName(), e);
        }
    }

    /**
     * Decodes a message into the reader's generated class for the writer's schema name.
     *
     * @throws UnknownSchemaException    when the message is well-formed but its writer schema is not known here
     * @throws MalformedMessageException when the bytes can never be decoded
     */
    public SpecificRecord decode(byte[] message) {
        Schema writer = writerSchema(message);
        BinaryMessageDecoder<SpecificRecord> decoder = decodersByName.get(writer.getFullName());
        if (decoder == null) {
            throw new UnknownSchemaException(fingerprintOf(message), "no reader class for " + writer.getFullName());
        }
        try {
            BodyCheck.check(writer, message, HEADER_LENGTH);
            return decoder.decode(message);
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException("not a valid " + writer.getFullName() + ": " + e.getMessage(), null);
        } catch (java.io.IOException | RuntimeException e) {
            // after the body check this is a value the reader refuses (an enum symbol it lacks with no default)
            throw new MalformedMessageException("not a valid " + writer.getFullName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes and checks the type, so a producer cannot smuggle one message type in place of another. */
    public <T extends SpecificRecord> T decode(byte[] message, Class<T> expected) {
        SpecificRecord record = decode(message);
        if (!expected.isInstance(record)) {
            throw new MalformedMessageException(
                    "expected " + expected.getName() + " but got " + record.getSchema().getFullName(), null);
        }
        return expected.cast(record);
    }

    /** The writer schema a message names. */
    public Schema writerSchema(byte[] message) {
        if (message != null && message.length > MAX_MESSAGE_BYTES) {
            throw new MalformedMessageException(
                    "message of " + message.length + " bytes is larger than " + MAX_MESSAGE_BYTES, null);
        }
        if (message == null || message.length < HEADER_LENGTH || message[0] != MARKER_0 || message[1] != MARKER_1) {
            throw new MalformedMessageException("not Avro single-object encoding (missing C3 01 header)", null);
        }
        long fingerprint = fingerprintOf(message);
        Schema writer = writerSchemas.get(fingerprint);
        if (writer == null) {
            throw new UnknownSchemaException(fingerprint,
                    "unknown writer schema fingerprint " + Long.toHexString(fingerprint));
        }
        return writer;
    }

    /** Every writer schema this codec can read, one per fingerprint. */
    public Collection<Schema> knownWriterSchemas() {
        return writerSchemas.values();
    }

    private static long fingerprintOf(byte[] message) {
        return ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
