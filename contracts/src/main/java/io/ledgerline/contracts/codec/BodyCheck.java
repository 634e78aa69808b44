package io.ledgerline.contracts.codec;

import org.apache.avro.Schema;

/**
 * Walks an Avro binary body over its writer schema before anything is decoded, so that a message cannot make the
 * decoder allocate more than the message itself holds. Every declared length (string, bytes) and every array or
 * map block count must fit in the bytes that are left, every union branch and enum symbol must exist, varints
 * end within their width, nesting stays shallow, and the body ends exactly where the schema does.
 *
 * <p>Written by hand because Avro has no per-decoder limits: its {@code org.apache.avro.limits.*} properties are
 * JVM-wide (they would also bound the event store's own reads) and only cap a length, they do not compare it with
 * the bytes that follow. Allocates nothing; one pass over the bytes.
 */
final class BodyCheck {

    /** Deeper than any released schema nests; a recursive writer schema cannot recurse past it. */
    static final int MAX_DEPTH = 32;

    private final byte[] bytes;
    private int position;

    private BodyCheck(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.position = offset;
    }

    /** @throws MalformedMessageException when the body from {@code offset} on is not exactly one {@code writer} */
    static void check(Schema writer, byte[] bytes, int offset) {
        BodyCheck check = new BodyCheck(bytes, offset);
        check.value(writer, 0);
        if (check.position != bytes.length) {
            throw malformed((bytes.length - check.position) + " bytes after the end of " + writer.getFullName());
        }
    }

    private void value(Schema schema, int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH);
        }
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> {
                int b = take(1);
                if (bytes[b] != 0 && bytes[b] != 1) {
                    throw malformed("boolean byte " + bytes[b]);
                }
            }
            case INT -> varint(5);
            case LONG -> varint(10);
            case FLOAT -> take(4);
            case DOUBLE -> take(8);
            case STRING, BYTES -> take(length(varint(10), schema.getType().getName()));
            case FIXED -> take(schema.getFixedSize());
            case ENUM -> index(varint(5), schema.getEnumSymbols().size(), "enum symbol");
            case UNION -> value(schema.getTypes().get(index(varint(10), schema.getTypes().size(), "union branch")),
                    depth + 1);
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    value(field.schema(), depth + 1);
                }
            }
            case ARRAY -> blocks(schema.getElementType(), null, depth);
            case MAP -> blocks(schema.getValueType(), Schema.create(Schema.Type.STRING), depth);
        }
    }

    /**
     * Array and map items come in blocks: a count (negative: its absolute value, followed by the block's size in
     * bytes), the items, and a zero count at the end. Avro's reader allocates for the count before it reads an
     * item, so a count larger than the bytes left is refused, even for zero-byte items (no ledger schema has
     * them), and a sized block is walked item by item like any other and must end where its size says.
     */
    private void blocks(Schema item, Schema key, int depth) {
        while (true) {
            long count = varint(10);
            if (count == 0) {
                return;
            }
            long end = -1;
            if (count < 0) {
                count = -count;
                end = position + length(varint(10), "block size");
            }
            length(count, "block count");
            for (long i = 0; i < count; i++) {
                if (key != null) {
                    value(key, depth + 1);
                }
                value(item, depth + 1);
            }
            if (end >= 0 && position != end) {
                throw malformed("block size does not match its items");
            }
        }
    }

    private long length(long declared, String what) {
        if (declared < 0 || declared > bytes.length - position) {
            throw malformed(what + " of " + declared + " with " + (bytes.length - position) + " bytes left");
        }
        return declared;
    }

    private static int index(long index, int size, String what) {
        if (index < 0 || index >= size) {
            throw malformed(what + " " + index + " of " + size);
        }
        return (int) index;
    }

    /** A zig-zag varint of at most {@code width} bytes, decoded. */
    private long varint(int width) {
        long raw = 0;
        for (int shift = 0, read = 0; read < width; shift += 7, read++) {
            int b = bytes[take(1)] & 0xFF;
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw malformed("varint longer than " + width + " bytes");
    }

    /** Advances over {@code count} bytes and returns where they start. */
    private int take(long count) {
        if (count > bytes.length - position) {
            throw malformed("truncated: " + count + " bytes needed, " + (bytes.length - position) + " left");
        }
        int start = position;
        position += (int) count;
        return start;
    }

    private static MalformedMessageException malformed(String detail) {
        return new MalformedMessageException(detail, null);
    }
}
