package io.ledgerline.prove.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackCategoriesTest {

    private final StackCategories categories = new StackCategories(StackCategories.DEFAULT);

    @Test
    void theInnermostFrameThatNamesALibraryDecides() {
        String socketWriteUnderJdbc = "java/lang/Thread.run;org/apache/tomcat/util/threads/TaskThread$WrappingRunnable.run;"
                + "org/springframework/security/web/FilterChainProxy.doFilter;org/axonframework/commandhandling/"
                + "SimpleCommandBus.dispatch;org/postgresql/jdbc/PgPreparedStatement.executeUpdate;"
                + "java/net/SocketOutputStream.write;__send_[k]";
        assertThat(categories.categorize(socketWriteUnderJdbc)).isEqualTo("JDBC / pgjdbc");
        assertThat(categories.categorize("java/lang/Thread.run;org/springframework/security/web/FilterChainProxy"
                + ".doFilter;com/fasterxml/jackson/databind/ObjectMapper.readTree;java/util/HashMap.get"))
                .isEqualTo("Jackson");
        assertThat(categories.categorize("java/lang/Thread.run;org/apache/catalina/core/StandardWrapperValve.invoke;"
                + "org/springframework/security/web/FilterChainProxy.doFilter;java/lang/String.hashCode"))
                .isEqualTo("Spring Security");
    }

    @Test
    void theJvmsOwnThreadsAreToldByTheirCppFrames() {
        assertThat(categories.categorize("start_thread;thread_native_entry;Thread::call_run;JavaThread::"
                + "thread_main_inner;CompileBroker::compiler_thread_loop;C2Compiler::compile_method;Compile::Compile;"
                + "Node::add_req")).isEqualTo("JIT compiler");
        assertThat(categories.categorize("start_thread;thread_native_entry;Thread::call_run;GangWorker::run;"
                + "G1ParScanThreadState::trim_queue_to_threshold")).isEqualTo("GC");
    }

    @Test
    void axonEventProcessingIsToldFromCommandHandlingAndKafkaClientsFromTheBroker() {
        assertThat(categories.categorize("java/lang/Thread.run;org/axonframework/eventhandling/pooled/"
                + "WorkPackage.processEvents;io/ledgerline/command/kafka/EventPublisher.on;org/apache/avro/"
                + "io/BinaryEncoder.writeString")).isEqualTo("Avro");
        assertThat(categories.categorize("java/lang/Thread.run;org/axonframework/eventhandling/pooled/"
                + "WorkPackage.processEvents;java/util/ArrayList.add")).isEqualTo("Axon event processing");
        assertThat(categories.categorize("java/lang/Thread.run;org/axonframework/modelling/command/"
                + "AggregateAnnotationCommandHandler.handle")).isEqualTo("Axon command handling");
        assertThat(categories.categorize("java/lang/Thread.run;kafka/server/KafkaRequestHandler.run;"
                + "org/apache/kafka/storage/internals/log/LogSegment.append")).isEqualTo("Kafka broker");
        assertThat(categories.categorize("java/lang/Thread.run;org/springframework/kafka/listener/"
                + "KafkaMessageListenerContainer$ListenerConsumer.run;org/apache/kafka/clients/consumer/"
                + "KafkaConsumer.poll")).isEqualTo("Kafka client");
        // our own kafka package is our code, not the broker's
        assertThat(categories.categorize("java/lang/Thread.run;io/ledgerline/command/kafka/EventRecords.of"))
                .isEqualTo("Ledgerline code");
    }

    @Test
    void theLoadGeneratorsHttpClientHasItsOwnCategory() {
        assertThat(categories.categorize("java/lang/Thread.run;jdk/internal/net/http/HttpClientImpl$SelectorManager"
                + ".run;sun/nio/ch/EPoll.wait;epoll_wait")).isEqualTo("JDK HTTP client");
    }

    @Test
    void whatNoFrameClaimsIsOther() {
        assertThat(categories.categorize("java/lang/Thread.run;java/util/concurrent/ThreadPoolExecutor.runWorker"))
                .isEqualTo(StackCategories.OTHER);
        assertThat(categories.categorize("[unknown]")).isEqualTo(StackCategories.OTHER);
    }

    @Test
    void splitsACollapsedFileBySamplesLargestFirst() {
        Map<String, Long> split = categories.split(List.of(
                "java/lang/Thread.run;com/fasterxml/jackson/core/JsonParser.nextToken 7",
                "start_thread;GangWorker::run;G1ParScanThreadState::steal_and_trim_queue 30",
                "java/lang/Thread.run;com/fasterxml/jackson/databind/ObjectMapper.writeValue 5",
                "java/lang/Thread.run;java/lang/Object.wait 2",
                "not a line",
                "").stream());
        assertThat(split).containsExactly(Map.entry("GC", 30L), Map.entry("Jackson", 12L),
                Map.entry(StackCategories.OTHER, 2L));
    }
}
