package io.ledgerline.query.admin;

/** How far the rebuild has read one partition: {@code position} against the partition's end offset. */
public record PartitionProgress(String topic, int partition, long position, long endOffset) {

    public long remaining() {
        return Math.max(0, endOffset - position);
    }
}
