package io.ledgerline.command.support;

import io.ledgerline.command.ledger.CommandRefusedException;
import io.ledgerline.command.ledger.Refusal;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a command refused for a given reason. */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<Throwable> refusedWith(Refusal refusal) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable failure) {
                return failure instanceof CommandRefusedException refused && refused.refusal() == refusal;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a command refused with " + refusal.code());
            }
        };
    }
}
