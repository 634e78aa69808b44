package io.ledgerline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.JvmOptions;
import io.ledgerline.testkit.process.ProcessContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalServicesTest {

    private final LocalStackConfig config = LocalStackConfig.of(Path.of("/repo"), Path.of("/data"))
            .withCommandServiceProperty("ledgerline.rate-limit.enabled", "false")
            .withServiceEnvironment("OTEL_SDK_DISABLED", "true");
    private final ProcessContext context = new ProcessContext(Path.of("/data/logs"), Path.of("/data/run"), "cp",
            Duration.ofSeconds(180));

    @Test
    void commandServiceGetsDatabaseKafkaAndTokenKeys() {
        ChildProcess command = LocalServices.commandService(config, context, 1);

        List<String> start = new ArrayList<>(List.of(ProcessContext.JAVA, "-Xmx256m"));
        start.addAll(JvmOptions.services());
        start.addAll(List.of("-jar", "/repo/command-service/target/command-service-exec.jar", "--server.port=8081"));
        assertThat(command.command()).startsWith(start.toArray(String[]::new));
        assertThat(command.command()).contains(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:55432/ledgerline",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=127.0.0.1:59092",
                "--axon.update-check.disabled=true",
                "--ledgerline.rate-limit.enabled=false");
        assertThat(command.environment())
                .containsEntry("LEDGERLINE_JWK_SET_URI", "http://127.0.0.1:59080/.well-known/jwks.json")
                .containsEntry("LEDGERLINE_OPEN_OPERATIONAL_ENDPOINTS", "true")
                .containsEntry("OTEL_SDK_DISABLED", "true")
                .containsEntry("LEDGERLINE_INSTANCE", "command-service");
        assertThat(command.logFile()).isEqualTo(Path.of("/data/logs/command-service.log"));
    }

    @Test
    void furtherInstancesListenTenPortsApartUnderTheirOwnNamesAndShareTheServicesKafkaLogin() {
        LocalStackConfig two = config.withInstances(new LocalStackConfig.Instances(3, 2));
        ChildProcess third = LocalServices.commandService(two, context, 3);
        ChildProcess second = LocalServices.queryService(two, context, 2);

        assertThat(third.name()).isEqualTo("command-service-3");
        assertThat(third.command()).contains("--server.port=8101",
                "--spring.config.import=optional:configtree:/data/kafka-users/config/command-service/");
        assertThat(third.environment()).containsEntry("LEDGERLINE_INSTANCE", "command-service-3");
        assertThat(third.logFile()).isEqualTo(Path.of("/data/logs/command-service-3.log"));
        assertThat(second.name()).isEqualTo("query-service-2");
        assertThat(second.command()).contains("--server.port=8092");
        assertThat(two.commandServiceUrls()).containsExactly("http://127.0.0.1:8081", "http://127.0.0.1:8091",
                "http://127.0.0.1:8101");
        assertThat(two.queryServiceUrls()).containsExactly("http://127.0.0.1:8082", "http://127.0.0.1:8092");
        assertThat(LocalServices.processNames(two)).containsExactly("command-service", "command-service-2",
                "command-service-3", "query-service", "query-service-2");
        assertThat(LocalServices.serviceOf("query-service-2")).isEqualTo("query-service");
    }

    @Test
    void queryServiceGetsMongoAndKafka() {
        ChildProcess query = LocalServices.queryService(config, context, 1);

        assertThat(query.command()).contains("/repo/query-service/target/query-service-exec.jar",
                "--server.port=8082",
                "--spring.data.mongodb.uri=mongodb://127.0.0.1:57017/ledgerline",
                "--spring.kafka.bootstrap-servers=127.0.0.1:59092");
        assertThat(query.command()).noneMatch(arg -> arg.contains("datasource") || arg.contains("rate-limit"));
        assertThat(query.environment()).containsEntry("LEDGERLINE_OPEN_OPERATIONAL_ENDPOINTS", "true")
                .containsKey("LEDGERLINE_JWK_SET_URI");
    }
}
