package io.ledgerline.contracts.codec;

import java.util.Arrays;

/**
 * What a dead letter carries of a record's value: the value itself, or its first {@link
 * LedgerCodec#MAX_MESSAGE_BYTES} bytes when it is larger. A value near the broker's record limit plus the
 * dead-letter headers would not fit the dead-letter topic, and a dead letter that cannot be published blocks its
 * partition just as the record did.
 */
public final class DeadLetterValues {

    private DeadLetterValues() {
    }

    public static boolean needsTruncation(Object value) {
        return value instanceof byte[] bytes && bytes.length > LedgerCodec.MAX_MESSAGE_BYTES;
    }

    public static byte[] truncated(byte[] value) {
        return Arrays.copyOf(value, Math.min(value.length, LedgerCodec.MAX_MESSAGE_BYTES));
    }
}
