package io.ledgerline.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets a deployment must have of its own, generated once into the data folder like the signing keys: the
 * query-service's cursor key (there is no built-in one). Stored as a Spring Boot config tree, one file per
 * property, readable by the owner only.
 */
final class DeploymentSecrets {

    static final String CURSOR_KEY = "ledgerline.query.cursor-key";

    private DeploymentSecrets() {
    }

    /** Creates the cursor key if the folder has none; an existing one is kept, so cursors survive restarts. */
    static void ensureCursorKey(Path secrets) throws IOException {
        Path file = secrets.resolve(CURSOR_KEY);
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(secrets);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path written = Files.writeString(secrets.resolve(CURSOR_KEY + ".tmp"),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the data folder's own permissions apply
        }
        Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
