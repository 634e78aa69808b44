package io.ledgerline.command.processing;

import io.ledgerline.command.config.LedgerProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The tracking processors' segments across instances: which instance holds each one (the owner Axon writes into
 * {@code token_entry}; see {@code ProcessingConfig#tokenStore}), and where the ones held here are. Splitting and
 * merging are Axon's own ({@link StreamingEventProcessor#splitSegment}, {@link StreamingEventProcessor#mergeSegment}):
 * the instance holding a segment splits it into two with the same token, or merges it with its sibling, and the
 * instances' work launchers claim the result within a claim interval. Per-aggregate order is kept whatever the
 * count: an aggregate's events all fall into one segment (Axon's sequential-per-aggregate policy).
 */
@Component
class ProcessorSegments {

    private static final Duration INSTRUCTION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(5);

    /** A segment as the token store records it; {@code position} and the flags only where it is held here. */
    record Segment(int segment, String owner, boolean claimedHere, Long position, Boolean caughtUp,
                   Boolean replaying) {
    }

    record ProcessorView(String name, int segmentCount, List<Segment> segments) {
    }

    record ProcessorsView(String instance, List<ProcessorView> processors) {
    }

    /** The segment is not held by this instance: only its holder can split or merge it. */
    static final class ClaimedElsewhereException extends RuntimeException {
        ClaimedElsewhereException(String message) {
            super(message);
        }
    }

    /** No such processor, or no such segment of it. */
    static final class UnknownProcessorException extends RuntimeException {
        UnknownProcessorException(String what) {
            super("no tracking processor or segment " + what);
        }
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final String instance;

    ProcessorSegments(EventProcessingConfiguration processing, JdbcTemplate jdbc, LedgerProperties properties) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.instance = properties.instance();
    }

    ProcessorsView all() {
        List<ProcessorView> views = new ArrayList<>();
        processing.eventProcessors().keySet().stream().sorted().forEach(name -> view(name).ifPresent(views::add));
        return new ProcessorsView(instance, views);
    }

    ProcessorView one(String name) {
        return view(name).orElseThrow(() -> new UnknownProcessorException(name));
    }

    ProcessorView split(String name, int segment) {
        StreamingEventProcessor processor = processor(name);
        requireHeldHere(name, processor, segment);
        int before = one(name).segmentCount();
        await(processor.splitSegment(segment), name, segment, "split");
        return afterCommit(name, before);
    }

    ProcessorView merge(String name, int segment) {
        StreamingEventProcessor processor = processor(name);
        requireHeldHere(name, processor, segment);
        int before = one(name).segmentCount();
        await(processor.mergeSegment(segment), name, segment, "merge");
        return afterCommit(name, before);
    }

    /**
     * Axon completes a split or merge instruction's future inside the transaction that writes the token rows, so
     * the answer can come before the commit; wait (bounded) until the store shows the new segment count.
     */
    private ProcessorView afterCommit(String name, int countBefore) {
        long deadline = System.nanoTime() + COMMIT_WAIT.toNanos();
        ProcessorView view = one(name);
        while (view.segmentCount() == countBefore && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            view = one(name);
        }
        return view;
    }

    private Optional<ProcessorView> view(String name) {
        Optional<StreamingEventProcessor> found = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, EventTrackerStatus> here = found.get().processingStatus();
        Map<Integer, String> owners = new LinkedHashMap<>();
        jdbc.query("select segment, owner from tokenentry where processorName = ? order by segment",
                rs -> {
                    owners.put(rs.getInt(1), rs.getString(2));
                }, name);
        List<Segment> segments = new ArrayList<>();
        owners.forEach((segment, owner) -> {
            EventTrackerStatus status = here.get(segment);
            OptionalLong position = status == null ? OptionalLong.empty() : status.getCurrentPosition();
            segments.add(new Segment(segment, owner, status != null,
                    position.isPresent() ? position.getAsLong() : null,
                    status == null ? null : status.isCaughtUp(), status == null ? null : status.isReplaying()));
        });
        return Optional.of(new ProcessorView(name, segments.size(), segments));
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProcessorException(name));
    }

    private void requireHeldHere(String name, StreamingEventProcessor processor, int segment) {
        if (processor.processingStatus().containsKey(segment)) {
            return;
        }
        Segment found = one(name).segments().stream().filter(s -> s.segment() == segment).findFirst()
                .orElseThrow(() -> new UnknownProcessorException(name + " segment " + segment));
        throw new ClaimedElsewhereException("segment " + segment + " of " + name + " is "
                + (found.owner() == null ? "not claimed by any instance right now; retry in a second"
                : "held by " + found.owner() + "; send the request to that instance"));
    }

    private static void await(CompletableFuture<Boolean> instruction, String name, int segment, String what) {
        boolean done;
        try {
            done = instruction.get(INSTRUCTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            done = false;
        }
        if (!done) {
            // Axon declines when the segment moved meanwhile, or (merge) when another instance holds the sibling.
            throw new ClaimedElsewhereException("could not " + what + " segment " + segment + " of " + name
                    + ": it, or the segment it merges with, is held by another instance; see GET"
                    + " /api/v1/admin/processors/" + name);
        }
    }
}
