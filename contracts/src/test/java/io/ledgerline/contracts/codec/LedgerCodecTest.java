package io.ledgerline.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.command.CommandResult;
import io.ledgerline.contracts.command.CommandStatus;
import io.ledgerline.contracts.transfer.TransferRequested;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {

    private final LedgerCodec codec = LedgerCodec.contracts();

    @Test
    void writesSingleObjectEncodingWithTheWriterFingerprint() {
        MoneyDeposited event = deposit();
        byte[] bytes = codec.encode(event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(MoneyDeposited.getClassSchema()));
    }

    @Test
    void roundTripsEveryKindOfMessage() {
        List<SpecificRecord> records = List.of(
                deposit(),
                AccountOpened.newBuilder().setAccountId("acc-1").setOwnerId("alice").setCurrency("EUR")
                        .setOverdraftLimit(0).build(),
                TransferRequested.newBuilder().setTransferId("t-1").setSourceAccountId("a").setDestinationAccountId("b")
                        .setAmount(5).setCurrency("EUR").build(),
                CommandResult.newBuilder().setCommandId("c-1").setStatus(CommandStatus.REJECTED)
                        .setCode("insufficient-funds").build());
        for (SpecificRecord record : records) {
            assertThat(codec.decode(codec.encode(record))).isEqualTo(record);
        }
    }

    @Test
    void readsANewerWriterVersionOnceItsSchemaIsKnown() throws IOException {
        Schema newer = parse("/compatible/MoneyDeposited.avsc");
        GenericRecord written = new GenericData.Record(newer);
        written.put("accountId", "acc-1");
        written.put("transactionId", "tx-1");
        written.put("amount", 500L);
        written.put("currency", "EUR");
        written.put("balanceAfter", 500L);
        written.put("channel", "atm");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(written).array();

        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(UnknownSchemaException.class);

        Map<String, List<Schema>> versions = new HashMap<>(SchemaHistory.released().versionsByName());
        List<Schema> deposits = new ArrayList<>(versions.get(newer.getFullName()));
        deposits.add(newer);
        versions.put(newer.getFullName(), deposits);
        LedgerCodec upgraded = new LedgerCodec(SchemaHistory.of(versions));

        MoneyDeposited read = upgraded.decode(bytes, MoneyDeposited.class);
        assertThat(read.getAmount()).isEqualTo(500L);
        assertThat(read.getDescription()).isNull();
    }

    @Test
    void refusesBytesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> codec.decode("{\"amount\":1}".getBytes()))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xC3, 0x01, 1}))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesATruncatedBody() {
        byte[] bytes = codec.encode(deposit());
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesAMessageOfAnotherTypeThanExpected() {
        byte[] bytes = codec.encode(deposit());
        assertThatThrownBy(() -> codec.decode(bytes, AccountOpened.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesADeclaredLengthLargerThanTheMessageBeforeAllocatingIt() {
        // the 15-byte record of issue 10: C3 01, a real fingerprint, then a string length of 2^30
        byte[] bomb = new byte[15];
        System.arraycopy(codec.encode(deposit()), 0, bomb, 0, 10);
        long zigzag = (1L << 30) << 1;
        for (int i = 10; i < 15; i++) {
            bomb[i] = (byte) ((zigzag & 0x7F) | (i < 14 ? 0x80 : 0));
            zigzag >>>= 7;
        }

        assertThatThrownBy(() -> codec.decode(bomb)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("string of 1073741824 with 0 bytes left");
    }

    @Test
    void refusesAUnionBranchThatDoesNotExistAndBytesAfterTheEnd() {
        byte[] valid = codec.encode(CommandResult.newBuilder().setCommandId("c").setStatus(CommandStatus.SUCCEEDED)
                .build());
        byte[] badBranch = valid.clone();
        badBranch[12] = 0x08; // commandType's union index 4 of ["null", "string"]
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);

        assertThatThrownBy(() -> codec.decode(badBranch)).hasMessageContaining("union branch 4 of 2");
        assertThatThrownBy(() -> codec.decode(trailing)).hasMessageContaining("1 bytes after the end");
    }

    @Test
    void refusesAMessageLargerThanTheCapWithoutReadingIt() {
        byte[] huge = new byte[LedgerCodec.MAX_MESSAGE_BYTES + 1];
        System.arraycopy(codec.encode(deposit()), 0, huge, 0, 10);

        assertThatThrownBy(() -> codec.decode(huge)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void anyCorruptionOfAValidMessageIsMalformedOrDecodesNeverAnythingElse() {
        java.util.Random random = new java.util.Random(42);
        List<byte[]> valid = List.of(codec.encode(deposit()), codec.encode(CommandResult.newBuilder()
                .setCommandId("c-1").setStatus(CommandStatus.REJECTED).setCode("insufficient-funds").build()));
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = valid.get(i % valid.size()).clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = 10 + random.nextInt(bytes.length - 10);
                bytes[at] = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, 10 + random.nextInt(bytes.length - 9));
            }
            byte[] corrupted = bytes;
            try {
                codec.decode(corrupted);
            } catch (MalformedMessageException expected) {
                // the only failure a corrupted body may cause
            }
        }
    }

    private static MoneyDeposited deposit() {
        return MoneyDeposited.newBuilder().setAccountId("acc-1").setTransactionId("tx-1").setAmount(500)
                .setCurrency("EUR").setBalanceAfter(500).setDescription("salary").build();
    }

    private static Schema parse(String resource) throws IOException {
        try (InputStream in = LedgerCodecTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }
}
