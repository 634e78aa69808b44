package io.ledgerline.testkit.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The local identity provider: an RS256 and an ES256 signing key, kept in the data folder so tokens survive
 * restarts, whose public halves are served as a JWK set. Tests create their own in memory.
 */
public final class LocalTokens {

    private final RSAKey rsaKey;
    private final ECKey ecKey;

    private LocalTokens(RSAKey rsaKey, ECKey ecKey) {
        this.rsaKey = rsaKey;
        this.ecKey = ecKey;
    }

    /** Fresh keys that live as long as this object. */
    public static LocalTokens generate() {
        try {
            RSAKey rsa = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("rs256-" + UUID.randomUUID()).generate();
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID("es256-" + UUID.randomUUID()).generate();
            return new LocalTokens(rsa, ec);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate signing keys", e);
        }
    }

    /** The keys stored in {@code file} (a private JWK set, readable by the owner only), created on first use. */
    public static LocalTokens loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            try {
                JWKSet set = JWKSet.parse(Files.readString(file));
                return new LocalTokens((RSAKey) first(set, RSAKey.class), (ECKey) first(set, ECKey.class));
            } catch (ParseException e) {
                throw new IOException("cannot read signing keys from " + file, e);
            }
        }
        LocalTokens tokens = generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, new JWKSet(List.of(tokens.rsaKey, tokens.ecKey)).toString(false));
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions apply
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return tokens;
    }

    private static JWK first(JWKSet set, Class<? extends JWK> type) throws ParseException {
        return set.getKeys().stream().filter(type::isInstance).findFirst()
                .orElseThrow(() -> new ParseException("no " + type.getSimpleName() + " in key file", 0));
    }

    /** The public keys, as served to the services. */
    public JWKSet publicJwkSet() {
        return new JWKSet(List.of(rsaKey.toPublicJWK(), ecKey.toPublicJWK()));
    }

    public RSAKey rsaKey() {
        return rsaKey;
    }

    public ECKey ecKey() {
        return ecKey;
    }

    /** A signed JWT for the spec, with the key that matches its algorithm (RS256 or ES256). */
    public String mint(TokenSpec spec) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(spec.subject())
                .issuer(spec.issuer())
                .audience(spec.audience())
                .issueTime(Date.from(spec.issuedAt()))
                .notBeforeTime(Date.from(spec.notBefore()))
                .expirationTime(Date.from(spec.expiresAt()))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", spec.roles());
        spec.extraClaims().forEach(claims::claim);
        try {
            JWK key = JWSAlgorithm.ES256.equals(spec.algorithm()) ? ecKey : rsaKey;
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(spec.algorithm()).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }
}
