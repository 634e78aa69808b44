package io.ledgerline.prove.check;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One message of an event topic: where it sits, its key and headers, its value decoded (null if it was not). */
public record TopicEvent(String topic, int partition, long offset, String key, Map<String, String> headers,
                         SpecificRecord value, String decodeError) {

    public String header(String name) {
        return headers.get(name);
    }
}
