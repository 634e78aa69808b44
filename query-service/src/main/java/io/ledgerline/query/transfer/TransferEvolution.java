package io.ledgerline.query.transfer;

import io.ledgerline.contracts.transfer.TransferCompleted;
import io.ledgerline.contracts.transfer.TransferFailed;
import io.ledgerline.contracts.transfer.TransferRejected;
import io.ledgerline.contracts.transfer.TransferRequested;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.Evolution;
import org.apache.avro.specific.SpecificRecord;

/** What each transfer event does to the read model, as pure functions. */
public final class TransferEvolution {

    /** The transfer stream's evolution, as the batch fold uses it. */
    public static final Evolution<TransferView> EVOLUTION = new Evolution<>() {
        @Override
        public TransferView start(EventEnvelope first) {
            return requested(first);
        }

        @Override
        public TransferView evolve(TransferView transfer, EventEnvelope next) {
            return TransferEvolution.evolve(transfer, next);
        }

        @Override
        public long versionOf(TransferView transfer) {
            return transfer.version();
        }
    };

    private TransferEvolution() {
    }

    public static TransferView requested(EventEnvelope envelope) {
        if (!(envelope.event() instanceof TransferRequested requested)) {
            throw new IllegalArgumentException("a transfer stream starts with TransferRequested, not " + envelope);
        }
        return new TransferView(requested.getTransferId(), requested.getSourceAccountId(),
                requested.getDestinationAccountId(), requested.getAmount(), requested.getCurrency(),
                TransferStatus.REQUESTED, null, envelope.version(), envelope.occurredAt(), null);
    }

    public static TransferView evolve(TransferView transfer, EventEnvelope envelope) {
        SpecificRecord event = envelope.event();
        if (event instanceof TransferCompleted) {
            return transfer.finish(TransferStatus.COMPLETED, null, envelope.version(), envelope.occurredAt());
        }
        if (event instanceof TransferRejected rejected) {
            return transfer.finish(TransferStatus.REJECTED, rejected.getCode(), envelope.version(),
                    envelope.occurredAt());
        }
        if (event instanceof TransferFailed failed) {
            return transfer.finish(TransferStatus.FAILED, failed.getReason(), envelope.version(),
                    envelope.occurredAt());
        }
        throw new IllegalArgumentException("not an event that follows a transfer request: " + envelope);
    }
}
