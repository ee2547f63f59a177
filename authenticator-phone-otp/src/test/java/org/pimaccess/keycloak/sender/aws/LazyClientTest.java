package org.pimaccess.keycloak.sender.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class LazyClientTest {

    private static final class CountedClient implements SdkAutoCloseable {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void manyConcurrentSendsShareOneClientBuiltOnceAndClosedWithTheFactory() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        LazyClient<CountedClient> lazy = new LazyClient<>(() -> {
            builds.incrementAndGet();
            return new CountedClient();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<CountedClient>> sends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sends.add(lazy::get);
        }
        List<CountedClient> seen = new ArrayList<>();
        for (Future<CountedClient> result : pool.invokeAll(sends)) {
            seen.add(result.get());
        }
        pool.shutdown();

        assertThat(builds).hasValue(1);
        assertThat(seen).allSatisfy(client -> assertThat(client).isSameAs(seen.get(0)));
        lazy.close();
        assertThat(seen.get(0).closed).isTrue();
    }
}
