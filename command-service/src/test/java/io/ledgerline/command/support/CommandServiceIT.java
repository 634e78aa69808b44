package io.ledgerline.command.support;

import io.ledgerline.contracts.Topics;
import io.ledgerline.testkit.audit.LedgerAudit;
import io.ledgerline.testkit.audit.StoredEvent;
import io.ledgerline.testkit.http.HttpApi;
import io.ledgerline.testkit.postgres.LocalPostgres;
import io.ledgerline.testkit.tokens.JwksServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The base of every command-service integration test: the real service on a random port, against a real
 * PostgreSQL (embedded binaries), a real Kafka broker (KRaft, in-process) and a JWK set served over HTTP. One
 * configuration for all, so Spring's context cache starts the service once per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, count = 1, partitions = 3)
@TestPropertySource(properties = {"ledgerline.web.rate-limit.enabled=false",
        "ledgerline.intake.producers." + CommandServiceIT.PRODUCER + ".roles=service",
        "ledgerline.intake.producers." + CommandServiceIT.OTHER_PRODUCER + ".roles=service",
        "ledgerline.intake.producers." + CommandServiceIT.DEPOSIT_FEED + ".roles=service",
        "ledgerline.intake.producers." + CommandServiceIT.DEPOSIT_FEED + ".commands=deposit",
        "ledgerline.intake.producers." + CommandServiceIT.CUSTOMER_APP + ".roles=customer",
        "ledgerline.intake.producers." + CommandServiceIT.CUSTOMER_APP + ".owner=alice"})
@AutoConfigureObservability
public abstract class CommandServiceIT {

    /** Command-topic producers: two with the service role, a deposit-only feed, and one acting as customer alice. */
    protected static final String PRODUCER = "test-producer";
    protected static final String OTHER_PRODUCER = "other-producer";
    protected static final String DEPOSIT_FEED = "deposit-feed";
    protected static final String CUSTOMER_APP = "alice-app";
    protected static final List<String> PRODUCERS = List.of(PRODUCER, OTHER_PRODUCER, DEPOSIT_FEED, CUSTOMER_APP);
    protected static final String COMMAND_TOPIC = Topics.commands(PRODUCER);
    protected static final String RESULT_TOPIC = Topics.commandResults(PRODUCER);

    protected static final LocalPostgres POSTGRES = LocalPostgres.ephemeral();
    protected static final LocalTokens TOKENS = LocalTokens.generate();
    protected static final JwksServer JWKS = startJwks();

    protected static final String CUSTOMER = token("alice", "customer");
    protected static final String OTHER_CUSTOMER = token("bob", "customer");
    protected static final String SERVICE = token("payments", "service");
    protected static final String OPERATOR = token("ops", "operator");
    protected static final String AUDITOR = token("audit", "auditor");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** The Kafka broker of this test's context (see {@link #brokerOfThisContext()}). */
    @Value("${spring.kafka.bootstrap-servers}")
    protected String brokers;

    protected HttpApi api;

    /**
     * The database of a class that runs in a Spring context of its own (other properties): such a context stays
     * alive in Spring's cache beside the shared one, with a broker of its own and the same token owner (one JVM),
     * so on the shared event store its publisher would claim the shared context's segments (whenever they are
     * released, as in a re-publication's pause) and publish their events to its own broker. Such a class registers
     * its own database under this key; the shared URL is only the default, because Spring applies a superclass's
     * {@code @DynamicPropertySource} after the subclass's, so registering {@code spring.datasource.url} again in
     * the subclass would not win.
     */
    protected static final String OWN_DATABASE = "ledgerline.test.own-database-url";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "${" + OWN_DATABASE + ":" + POSTGRES.jdbcUrl() + "}");
        registry.add("spring.datasource.username", () -> LocalPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", brokerOfThisContext());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::uri);
    }

    /**
     * Every Spring context of these tests starts a broker of its own (RateLimitIT has a context of its own), and the
     * newest one overwrites the global {@code spring.embedded.kafka.brokers} system property. Read it once, while
     * this context starts, so the service and the tests of a context keep talking to the same broker.
     */
    private static Supplier<Object> brokerOfThisContext() {
        AtomicReference<String> pinned = new AtomicReference<>();
        return () -> pinned.updateAndGet(known -> known != null ? known
                : System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS));
    }

    @BeforeEach
    void connectApi() {
        api = new HttpApi(port);
    }

    protected static String token(String subject, String role) {
        return TOKENS.mint(TokenSpec.of(subject, role, Duration.ofHours(1)));
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Events stored for a bare account id (the store's own count, whatever the API says). */
    protected long storedEventsOfAccount(String accountId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class,
                "account:" + accountId);
    }

    /** The simple names of the events stored for an aggregate (e.g. "transfer:t-1"), in order. */
    protected List<String> storedEventTypes(String storedAggregateId) {
        return jdbc.queryForList("""
                select payloadtype from domainevententry where aggregateidentifier = ? order by sequencenumber""",
                String.class, storedAggregateId).stream().map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    /** Opens an account through the API and deposits {@code balance} into it. */
    protected String openAccount(String owner, String currency, long balance) {
        String id = unique("acc");
        HttpApi.Response opened = api.post("/api/v1/accounts", SERVICE,
                HttpApi.json("accountId", id, "ownerId", owner, "currency", currency));
        if (opened.status() != 201) {
            throw new AssertionError("cannot open account: " + opened);
        }
        if (balance > 0) {
            HttpApi.Response deposit = api.post("/api/v1/accounts/" + id + "/deposits", SERVICE,
                    HttpApi.json("transactionId", "seed", "amount", balance, "currency", currency));
            if (deposit.status() != 200) {
                throw new AssertionError("cannot deposit: " + deposit);
            }
        }
        return id;
    }

    /** The balance of an account, folded from its events in the store. */
    protected long storedBalance(String accountId) {
        List<StoredEvent> events = EventStoreReader.account(jdbc, accountId);
        return LedgerAudit.audit(events, List.of(), false).accounts().get(accountId).balance();
    }

    private static JwksServer startJwks() {
        try {
            return JwksServer.start(TOKENS.publicJwkSet(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
