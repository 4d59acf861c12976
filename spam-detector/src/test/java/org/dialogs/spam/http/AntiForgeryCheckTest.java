package org.dialogs.spam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AntiForgeryCheckTest {

    private final AntiForgeryCheck check = new AntiForgeryCheck();

    @Test
    void postWithoutHeaderOrOrigin_isForbidden() throws Exception {
        assertThat(status("POST", Map.of())).isEqualTo(403);
    }

    @Test
    void postWithTheHeader_passes() throws Exception {
        assertThat(status("POST", Map.of(AntiForgeryCheck.REQUEST_HEADER, "1"))).isEqualTo(200);
    }

    @Test
    void postFromThisServersOrigin_passes_withoutTheHeader() throws Exception {
        assertThat(status("POST", Map.of("Origin", "http://ops.example:8082"))).isEqualTo(200);
    }

    @Test
    void postFromAnotherOrigin_isForbidden_evenWithTheHeader() throws Exception {
        assertThat(status("POST", Map.of("Origin", "https://evil.example", AntiForgeryCheck.REQUEST_HEADER, "1")))
                .isEqualTo(403);
        assertThat(status("POST", Map.of("Origin", "http://ops.example:8083"))).as("another port").isEqualTo(403);
        assertThat(status("POST", Map.of("Origin", "null"))).as("an opaque origin").isEqualTo(403);
    }

    @Test
    void getFromAnotherOrigin_passes() throws Exception {
        assertThat(status("GET", Map.of("Origin", "https://evil.example"))).isEqualTo(200);
    }

    private int status(String method, Map<String, String> headers) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/ops/api/rebalance");
        request.setScheme("http");
        request.setServerName("ops.example");
        request.setServerPort(8082);
        headers.forEach(request::addHeader);
        MockHttpServletResponse response = new MockHttpServletResponse();
        check.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }
}
