package io.ledgerline.command.kafka;

import io.ledgerline.command.config.LedgerProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-publishes stored events to Kafka from a given event-store position (global index), for a consumer that lost
 * data or a topic that was recreated. It rewinds the publisher's own tracking processor with Axon's reset, so the
 * events go out exactly as the first time (same keys, headers and event ids: consumers deduplicate them) and the
 * processor then simply carries on with new events. Nothing is skipped: a position beyond what was already
 * published is refused, and the gaps the processor still waits for below the start are kept. With several
 * instances the request coordinates them: see {@link #republishFrom}.
 */
@Component
class Republisher {

    private static final String PROCESSOR = EventPublisher.PROCESSING_GROUP;
    private static final Logger LOG = LoggerFactory.getLogger(Republisher.class);
    /** Beyond the claim timeout: the others' polls of the pause and their shutdown. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);
    private static final Duration CLAIM_RETRY = Duration.ofMillis(200);

    /** What the publisher is doing; {@code position} is absent while this instance claims no segment. */
    record PublicationStatus(String processor, boolean running, boolean replaying, Long position, Long headPosition) {
    }

    /** The start is beyond the events published so far; rewinding there would skip events. */
    static final class BeyondPublishedException extends RuntimeException {
        BeyondPublishedException(long published) {
            super("must be at most " + Math.max(1, published + 1) + ", the position after the last published event");
        }
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final PublicationPause pause;
    private final String instance;
    private final Duration claimTimeout;
    /** This instance's publisher is stopped because another instance re-publishes. */
    private boolean pausedHere;

    Republisher(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                TransactionManager transactions, PublicationPause pause, LedgerProperties properties,
                @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.pause = pause;
        this.instance = properties.instance();
        this.claimTimeout = claimTimeout;
    }

    PublicationStatus status() {
        TrackingEventProcessor publisher = publisher();
        OptionalLong position = PublicationMetrics.lowestPosition(publisher);
        boolean replaying = publisher.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
        OptionalLong headPosition = PublicationMetrics.headPosition(eventStore);
        return new PublicationStatus(PROCESSOR, publisher.isRunning(), replaying,
                position.isPresent() ? position.getAsLong() : null,
                headPosition.isPresent() ? headPosition.getAsLong() : null);
    }

    /**
     * Re-publishes from {@code fromPosition} on every instance at once: pauses publication cluster-wide ({@link
     * PublicationPause}), stops this instance's publisher, waits until it can claim every segment (the others
     * release theirs within a poll; a dead instance's claims expire after the claim timeout), rewinds them all with
     * Axon's reset, and ends the pause, so every instance starts publishing again from the new tokens. When the
     * segments cannot be claimed in time, nothing is rewound ({@link UnableToClaimTokenException}); this instance's
     * publisher is restarted and the pause ended either way.
     */
    synchronized PublicationStatus republishFrom(long fromPosition, String requestedBy) {
        OptionalLong head = PublicationMetrics.headPosition(eventStore);
        if (fromPosition > head.orElse(0) + 1) {
            throw new BeyondPublishedException(head.orElse(0)); // cheap refusal, before anything pauses
        }
        TrackingEventProcessor publisher = publisher();
        long generation = pause.begin(PROCESSOR, instance);
        Rewind rewind;
        try {
            publisher.shutDown();
            rewind = rewindWhenClaimable(publisher, fromPosition);
            LOG.info("re-publishing events after position {}, requested by {}", rewind.position(), requestedBy);
        } finally {
            publisher.start();
            pausedHere = false;
            pause.end(PROCESSOR, generation); // if this fails, the others wait out the lease
        }
        // the processor claims its segments asynchronously: answer with where it now resumes, not its live status
        return new PublicationStatus(PROCESSOR, publisher.isRunning(), rewind.replays(), rewind.position(),
                status().headPosition());
    }

    /**
     * Follows the cluster-wide pause: stops this instance's publisher while another instance re-publishes, and
     * starts it again when the pause ends (or lapses). Synchronized with {@link #republishFrom}, so an instance
     * never follows its own pause.
     */
    @Scheduled(fixedDelayString = "${ledgerline.publication.pause-poll:1s}", initialDelayString = "1s")
    synchronized void followPause() {
        boolean paused = pause.inForce(PROCESSOR).isPresent();
        TrackingEventProcessor publisher = publisher();
        if (paused && !pausedHere) {
            LOG.info("another instance re-publishes: stopping the publisher here until it is done");
            pausedHere = true;
            publisher.shutDown();
        } else if (!paused && pausedHere) {
            LOG.info("re-publication done elsewhere: starting the publisher here again");
            pausedHere = false;
            publisher.start();
        }
    }

    /** Retries the reset while another instance still holds a segment, up to the claim timeout and a few polls. */
    private Rewind rewindWhenClaimable(TrackingEventProcessor publisher, long fromPosition) {
        long deadline = System.nanoTime() + claimTimeout.plus(CLAIM_MARGIN).toNanos();
        while (true) {
            try {
                Rewind rewind = transactions.fetchInTransaction(() -> rewindTo(fromPosition));
                if (rewind.token() == null) {
                    publisher.resetTokens(StreamableMessageSource::createTailToken);
                } else {
                    publisher.resetTokens(rewind.token());
                }
                return rewind;
            } catch (UnableToClaimTokenException claimed) {
                if (System.nanoTime() > deadline) {
                    throw claimed;
                }
                LockSupport.parkNanos(CLAIM_RETRY.toNanos()); // the others release within a poll of the pause
            }
        }
    }

    /** Where the publisher resumes: after {@code position} ({@code token}; null for the very start). */
    private record Rewind(TrackingToken token, long position, boolean replays) {
    }

    /**
     * The token just before {@code fromPosition}: index {@code fromPosition - 1}, with the gaps below it that the
     * processor still waits for (a transaction that commits late there must still be published). Positions
     * up to 1 mean "from the first event": the tail token, {@code null}.
     */
    private Rewind rewindTo(long fromPosition) {
        List<TrackingToken> current = currentTokens();
        long published = current.stream()
                .mapToLong(token -> token == null ? -1 : WrappedToken.unwrapUpperBound(token).position().orElse(-1))
                .min().orElse(-1);
        if (fromPosition > published + 1 && fromPosition > 1) {
            throw new BeyondPublishedException(published);
        }
        long index = Math.max(0, fromPosition - 1);
        boolean replays = index < published;
        if (fromPosition <= 1) {
            return new Rewind(null, index, replays);
        }
        Set<Long> gaps = current.stream()
                .filter(Objects::nonNull)
                .map(WrappedToken::unwrapUpperBound)
                .filter(GapAwareTrackingToken.class::isInstance)
                .flatMap(token -> ((GapAwareTrackingToken) token).getGaps().stream())
                .filter(gap -> gap < index)
                .collect(Collectors.toCollection(TreeSet::new));
        return new Rewind(GapAwareTrackingToken.newInstance(index, gaps), index, replays);
    }

    /** The stored token of every segment; a segment that never published anything has {@code null}. */
    private List<TrackingToken> currentTokens() {
        List<TrackingToken> tokens = new ArrayList<>();
        for (int segment : tokenStore.fetchSegments(PROCESSOR)) {
            tokens.add(tokenStore.fetchToken(PROCESSOR, segment));
        }
        return tokens;
    }

    private TrackingEventProcessor publisher() {
        return processing.eventProcessor(PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor " + PROCESSOR));
    }
}
