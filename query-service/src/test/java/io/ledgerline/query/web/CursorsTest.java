package io.ledgerline.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.query.QueryProperties;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private final Cursors cursors = new Cursors(new QueryProperties("g", Duration.ofSeconds(2), Duration.ofSeconds(1),
            "cursor-test-key-0123456789"));

    @Test
    void aCursorLeadsBackToItsPositionUnderTheSameFilters() {
        String cursor = cursors.encode("accounts|owner-1|OPEN", "acc-42");

        assertThat(cursors.decode(cursor, "accounts|owner-1|OPEN")).isEqualTo("acc-42");
        assertThat(cursor).doesNotContain("acc-42").doesNotContain("owner-1");
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(cursors.decode(null, "accounts||")).isNull();
    }

    @Test
    void aCursorUsedWithOtherFiltersIsRefused() {
        String cursor = cursors.encode("accounts|owner-1|", "acc-42");

        assertRefused(cursor, "accounts|owner-2|");
        assertRefused(cursor, "accounts|owner-1|OPEN");
    }

    @Test
    void anEditedCursorIsRefused() {
        String cursor = cursors.encode("transactions|acc-1|null|null", "17");
        String mac = cursor.substring(cursor.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("999".getBytes()) + mac;

        assertRefused(forged, "transactions|acc-1|null|null");
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : new String[] {"", "abc", "a.b.c", "!!!.???", ".", "x".repeat(300)}) {
            assertRefused(garbage, "accounts||");
        }
    }

    @Test
    void aCursorSignedWithAnotherKeyIsRefused() {
        Cursors other = new Cursors(new QueryProperties("g", Duration.ofSeconds(2), Duration.ofSeconds(1),
                "other-cursor-key-0123456789"));

        assertRefused(other.encode("accounts||", "acc-1"), "accounts||");
    }

    private void assertRefused(String cursor, String filters) {
        assertThatThrownBy(() -> cursors.decode(cursor, filters))
                .as(cursor)
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("cursor"));
    }

    @Test
    void aRotatedRingStillReadsCursorsSignedWithTheOldKeyAndNoKeyIsNoService() {
        String old = cursors.encode("owner=a", "acc-9");
        Cursors rotated = new Cursors(new QueryProperties("g", Duration.ofSeconds(2), Duration.ofSeconds(1),
                "the-new-cursor-key-0123456789, cursor-test-key-0123456789"));
        assertThat(rotated.decode(old, "owner=a")).isEqualTo("acc-9");
        assertRefused(rotated.encode("owner=a", "acc-9"), "owner=a"); // signed with the new key, unknown here
        for (String missing : new String[] {"", " , ", "too-short"}) {
            assertThatThrownBy(() -> new Cursors(new QueryProperties("g", Duration.ofSeconds(2),
                    Duration.ofSeconds(1), missing))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("LEDGERLINE_CURSOR_KEY");
        }
    }
}
