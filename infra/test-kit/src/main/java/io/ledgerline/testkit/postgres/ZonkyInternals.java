package io.ledgerline.testkit.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two things zonky 2.x keeps private that a supervisor has to control; reflection on its own fields, checked by
 * the tests, so a zonky upgrade that renames them fails the build instead of the local stack.
 */
final class ZonkyInternals {

    private ZonkyInternals() {
    }

    /** zonky's shutdown hook calls close(), which does nothing once the instance counts as closed. */
    static void disarmShutdownHook(EmbeddedPostgres postgres) {
        field(postgres, "closed", AtomicBoolean.class).set(true);
    }

    /**
     * zonky holds a file lock on the data directory for the life of the instance; a restart in the same JVM
     * needs it released (closing the stream releases the lock).
     */
    static void releaseDataDirectoryLock(EmbeddedPostgres postgres) {
        try {
            field(postgres, "lockStream", FileOutputStream.class).close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot release zonky's data directory lock", e);
        }
    }

    private static <T> T field(EmbeddedPostgres postgres, String name, Class<T> type) {
        try {
            Field field = EmbeddedPostgres.class.getDeclaredField(name);
            field.setAccessible(true);
            return type.cast(field.get(postgres));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this zonky version has no field " + name + " of type "
                    + type.getSimpleName() + "; LocalPostgres.supervised needs it", e);
        }
    }
}
