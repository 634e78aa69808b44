package io.ledgerline.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CorrelationIdFilterTest {

    private final CorrelationIdFilter filter = new CorrelationIdFilter();

    @Test
    void aValidOfferedIdIsKeptEchoedAndInTheLogContextWhileTheRequestRuns() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts");
        request.addHeader(CorrelationIdFilter.HEADER, "order-42");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> during = new AtomicReference<>();

        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                during.set(CorrelationIdFilter.current());
            }
        });

        assertThat(response.getHeader(CorrelationIdFilter.HEADER)).isEqualTo("order-42");
        assertThat(during.get()).isEqualTo("order-42");
        assertThat(MDC.get(CorrelationIdFilter.MDC_KEY)).as("cleared after the request").isNull();
    }

    @Test
    void anInvalidOfferedIdIsReplacedSoItNeverReachesTheLogs() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts");
        request.addHeader(CorrelationIdFilter.HEADER, "line\nbreak");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getHeader(CorrelationIdFilter.HEADER)).isNotEqualTo("line\nbreak")
                .matches("[0-9a-f-]{36}");
    }
}
