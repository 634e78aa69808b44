package io.ledgerline.command.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets Idempotency-Key responses after their retention and reports abandoned asynchronous commands. */
@Component
class IntakeHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(IntakeHousekeeping.class);

    private final IdempotencyKeys keys;
    private final CommandStatuses statuses;
    private final IntakeProperties properties;

    IntakeHousekeeping(IdempotencyKeys keys, CommandStatuses statuses, IntakeProperties properties) {
        this.keys = keys;
        this.statuses = statuses;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${ledgerline.intake.housekeeping-interval:60s}", initialDelayString = "30s")
    void sweep() {
        int expired = keys.deleteOlderThan(properties.idempotencyRetention());
        int abandoned = statuses.failAbandoned(CommandIntake.HTTP_CHANNEL, properties.pendingTimeout());
        if (expired > 0 || abandoned > 0) {
            log.info("housekeeping: {} idempotency keys expired, {} abandoned commands marked FAILED", expired,
                    abandoned);
        }
    }
}
