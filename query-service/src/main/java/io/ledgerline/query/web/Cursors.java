package io.ledgerline.query.web;

import io.ledgerline.query.QueryProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Opaque keyset cursors: {@code base64url(position) "." base64url(mac)}, where the position is the sort key of
 * the last item served and the MAC (HMAC-SHA256, 128 bits) covers the position and the filters of the request
 * that produced it. A cursor replayed with other filters, edited or made up fails the MAC and is refused.
 * The position is not secret: every page re-applies the caller's rights. The key is the deployment's own
 * ({@code ledgerline.query.cursor-key}); there is no built-in one.
 */
@Component
public class Cursors {

    /** Shorter keys are refused at start-up: a guessable key would let anyone forge positions and filters. */
    static final int MIN_KEY_LENGTH = 16;
    private static final int MAX_LENGTH = 200;
    private static final int MAC_BYTES = 16;
    private static final String INVALID = "is not a cursor this request can continue from";

    /** The first key signs; every key verifies, so a ring can be rotated one instance at a time. */
    private final List<SecretKeySpec> keys;

    public Cursors(QueryProperties properties) {
        List<String> ring = Arrays.stream(properties.cursorKey().split(",")).map(String::trim)
                .filter(key -> !key.isEmpty()).toList();
        if (ring.isEmpty() || ring.stream().anyMatch(key -> key.length() < MIN_KEY_LENGTH)) {
            throw new IllegalStateException("ledgerline.query.cursor-key (LEDGERLINE_CURSOR_KEY) must be set to one"
                    + " or more comma-separated secrets of at least " + MIN_KEY_LENGTH + " characters, the same on"
                    + " every query-service instance (infra/run-local generates one into its data folder)");
        }
        this.keys = ring.stream().map(key -> new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .toList();
    }

    /**
     * @param filters  the request's filters, as one string; the same filters must come with the cursor again
     * @param position the sort key of the last item of this page
     */
    public String encode(String filters, String position) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(position.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(mac(keys.get(0), filters, position));
    }

    /** The position a cursor continues after, or null for no cursor. */
    public String decode(String cursor, String filters) {
        if (cursor == null) {
            return null;
        }
        int dot = cursor.indexOf('.');
        if (cursor.length() > MAX_LENGTH || dot <= 0 || dot != cursor.lastIndexOf('.')) {
            throw new ValidationFailedException("cursor", INVALID);
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            String position = new String(base64.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] mac = base64.decode(cursor.substring(dot + 1));
            if (keys.stream().noneMatch(key -> MessageDigest.isEqual(mac, mac(key, filters, position)))) {
                throw new ValidationFailedException("cursor", INVALID);
            }
            return position;
        } catch (IllegalArgumentException notBase64) {
            throw new ValidationFailedException("cursor", INVALID);
        }
    }

    private static byte[] mac(SecretKeySpec key, String filters, String position) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(filters.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return Arrays.copyOf(hmac.doFinal(position.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
