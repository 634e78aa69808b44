package io.ledgerline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {

    @TempDir
    Path dir;

    @Test
    void oneLauncherPerFolder() throws Exception {
        DataFolder folder = new DataFolder(dir);
        try (Closeable ignored = folder.lock()) {
            assertThatThrownBy(folder::lock).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another launcher")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        try (Closeable again = folder.lock()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void wipeEmptiesItsOwnFolderButKeepsTheLock() throws Exception {
        DataFolder folder = new DataFolder(dir);
        try (Closeable ignored = folder.lock()) {
            folder.prepare();
            Files.writeString(folder.postgres().resolve("PG_VERSION"), "17");

            folder.wipe();

            try (var left = Files.walk(dir)) {
                assertThat(left).containsExactlyInAnyOrder(dir, folder.run(), folder.run().resolve("launcher.lock"));
            }
        }
    }

    @Test
    void claimsANewFolderOnce() throws Exception {
        DataFolder folder = new DataFolder(dir.resolve("new"));

        folder.claim();
        Files.writeString(folder.tokensEnv(), "export TOKEN_CUSTOMER=x");
        folder.claim();

        assertThat(dir.resolve("new").resolve(DataFolder.MARKER)).exists();
    }

    @Test
    void refusesToClaimAFolderThatHoldsSomethingElse() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThatThrownBy(new DataFolder(dir)::claim).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not made by infra/run-local");
        assertThat(dir.resolve(DataFolder.MARKER)).doesNotExist();
    }

    @Test
    void refusesToWipeAFolderItDidNotMake() throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "years of work");
        DataFolder folder = new DataFolder(dir);

        assertThatThrownBy(folder::wipe).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a Ledgerline data folder");
        assertThat(dir.resolve("thesis.tex")).exists();
    }
}
