package io.ledgerline.command.security;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows in header names and values, checked by a loop
 * instead of its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and the same with a tab for
 * values). The firewall matches every header the application reads, the ~700-character bearer token among them,
 * and the regular expressions were 4.5 % of the command-service's CPU in the dw16 profile (docs/benchmarks.md).
 * Written by hand because the firewall only takes a predicate; HeaderCharactersTest holds it to the firewall's own.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** Every code point assigned and none a control character. */
    static boolean isAllowedName(String name) {
        return assignedAndNotControl(name, false);
    }

    /** As a name, and a tab allowed. */
    static boolean isAllowedValue(String value) {
        return assignedAndNotControl(value, true);
    }

    private static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
