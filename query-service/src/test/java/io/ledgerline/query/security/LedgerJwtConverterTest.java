package io.ledgerline.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.query.web.ForbiddenException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

class LedgerJwtConverterTest {

    private final LedgerJwtConverter converter = new LedgerJwtConverter(new SecurityProperties("sub", false));

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    private Reader reader(Map<String, Object> claims) {
        AbstractAuthenticationToken token = converter.convert(jwt(claims));
        return Reader.of(token);
    }

    @Test
    void rolesComeFromTheRolesClaimAndUnknownOnesAreIgnored() {
        Reader reader = reader(Map.of("sub", "alice", "roles", List.of("customer", "admin", "Operator")));

        assertThat(reader.ownerId()).isEqualTo("alice");
        assertThat(reader.roles()).containsExactly(Role.CUSTOMER);
    }

    @Test
    void rolesComeFromScopesToo() {
        assertThat(reader(Map.of("sub", "svc-1", "scope", "read:all auditor")).roles())
                .containsExactly(Role.AUDITOR);
        assertThat(reader(Map.of("sub", "svc-1", "scp", List.of("service", "operator"))).roles())
                .containsExactlyInAnyOrder(Role.SERVICE, Role.OPERATOR);
    }

    @Test
    void anOwnerIdOutsideTheIdPatternGetsNoRoles() {
        assertThat(reader(Map.of("sub", "alice smith", "roles", List.of("operator"))).roles()).isEmpty();
        assertThat(reader(Map.of("roles", List.of("operator"), "other", "x")).roles()).isEmpty();
    }

    @Test
    void theOwnerClaimIsConfigurable() {
        LedgerJwtConverter byCustomerId = new LedgerJwtConverter(new SecurityProperties("customer_id", false));

        Reader reader = Reader.of(byCustomerId.convert(jwt(Map.of("sub", "auth0|123", "customer_id", "cust-9",
                "roles", List.of("customer")))));

        assertThat(reader.ownerId()).isEqualTo("cust-9");
        assertThat(reader.roles()).containsExactly(Role.CUSTOMER);
    }

    @Test
    void aCustomerListsOnlyItsOwnAccounts() {
        Reader customer = new Reader("alice", Set.of(Role.CUSTOMER));

        assertThat(customer.ownerFilter(null)).contains("alice");
        assertThat(customer.ownerFilter("alice")).contains("alice");
        assertThatThrownBy(() -> customer.ownerFilter("bob")).isInstanceOf(ForbiddenException.class);
        assertThat(customer.mayRead("alice")).isTrue();
        assertThat(customer.mayRead("bob")).isFalse();
    }

    @Test
    void serviceReadsByIdButNeverLists() {
        Reader service = new Reader("svc", Set.of(Role.SERVICE));

        assertThat(service.mayRead("anyone")).isTrue();
        assertThatThrownBy(() -> service.ownerFilter(null)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void operatorsAndAuditorsSeeEverything() {
        for (Role role : List.of(Role.OPERATOR, Role.AUDITOR)) {
            Reader reader = new Reader("staff", Set.of(role));
            assertThat(reader.ownerFilter(null)).isEmpty();
            assertThat(reader.ownerFilter("bob")).contains("bob");
            assertThat(reader.mayRead("bob")).isTrue();
        }
    }
}
