package io.ledgerline.contracts.codec;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The Avro types no released schema uses yet, so a later schema that does is guarded too. */
class BodyCheckTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Everything", "fields": [
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "limits", "type": {"type": "map", "values": "long"}},
              {"name": "blob", "type": "bytes"},
              {"name": "digest", "type": {"type": "fixed", "name": "Digest", "size": 4}},
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}},
              {"name": "flag", "type": "boolean"},
              {"name": "ratio", "type": "double"}
            ]}""");

    @Test
    void acceptsWhatAvroWrites() throws IOException {
        byte[] body = write(List.of("x", "y"), Map.of("daily", 5L));
        assertThatCode(() -> BodyCheck.check(SCHEMA, body, 0)).doesNotThrowAnyException();
    }

    @Test
    void refusesAnArrayCountLargerThanTheBytesLeft() {
        byte[] body = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}; // 2^30 items, nothing after
        assertThatThrownBy(() -> BodyCheck.check(SCHEMA, body, 0)).hasMessageContaining("block count of 1073741823");
    }

    @Test
    void refusesASizedBlockWhoseCountLiesAboutItsItems() {
        // count -2^30 with a block size of 0: Avro's reader would still allocate for 2^30 items
        byte[] body = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x00};
        assertThatThrownBy(() -> BodyCheck.check(SCHEMA, body, 0)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesHugeBytesMapKeysAndEnumSymbolsThatDoNotExist() throws IOException {
        byte[] valid = write(List.of(), Map.of("k", 1L));
        // tags: empty (0); limits: count 1 (0x02), key length 1 (0x02) 'k', value 1 (0x02), end (0); blob ...
        byte[] hugeKey = valid.clone();
        hugeKey[2] = (byte) 0x7E;
        byte[] hugeBlob = valid.clone();
        hugeBlob[6] = (byte) 0x7E;
        byte[] badSymbol = valid.clone();
        badSymbol[valid.length - 10] = 0x06;

        assertThatThrownBy(() -> BodyCheck.check(SCHEMA, hugeKey, 0)).hasMessageContaining("string of 63");
        assertThatThrownBy(() -> BodyCheck.check(SCHEMA, hugeBlob, 0)).hasMessageContaining("bytes of 63");
        assertThatThrownBy(() -> BodyCheck.check(SCHEMA, badSymbol, 0)).hasMessageContaining("enum symbol 3 of 2");
    }

    @Test
    void refusesAVarintThatNeverEnds() {
        byte[] body = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertThatThrownBy(() -> BodyCheck.check(SCHEMA, body, 0)).hasMessageContaining("varint longer");
    }

    private static byte[] write(List<String> tags, Map<String, Long> limits) throws IOException {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("tags", tags);
        record.put("limits", limits);
        record.put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        record.put("digest", new GenericData.Fixed(SCHEMA.getField("digest").schema(), new byte[] {9, 9, 9, 9}));
        record.put("kind", new GenericData.EnumSymbol(SCHEMA.getField("kind").schema(), "B"));
        record.put("flag", true);
        record.put("ratio", 0.5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
