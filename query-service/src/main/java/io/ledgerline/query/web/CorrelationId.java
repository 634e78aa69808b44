package io.ledgerline.query.web;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.LedgerLimits;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The correlation id that ties log lines of one conversation together, over HTTP and Kafka. */
public final class CorrelationId {

    public static final String HTTP_HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";

    private CorrelationId() {
    }

    /** The caller's id when it is a well-formed id (it ends up in logs), otherwise a fresh one. */
    public static String fromHttp(String header) {
        return LedgerLimits.isValidId(header) ? header : UUID.randomUUID().toString();
    }

    /** The record's {@code ledger-correlation-id} when well-formed, otherwise "-". */
    public static String fromKafka(Headers headers) {
        Header header = headers.lastHeader(LedgerHeaders.CORRELATION_ID);
        String value = header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
        return LedgerLimits.isValidId(value) ? value : "-";
    }
}
