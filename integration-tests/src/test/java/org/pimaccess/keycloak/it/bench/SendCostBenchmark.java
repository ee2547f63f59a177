package org.pimaccess.keycloak.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * What the Send request costs the server against a form request of the same step that sends nothing. C
 * people, signed in with their password, alternate two loops: Send then Back (a Send, and a form request that
 * shows the select page again), and Back twice from the select page (two such form requests). The server
 * CPU of the second loop, per request, is what any request of the step costs (Keycloak's flow, the
 * authentication session, a page); the first loop's CPU minus one such request is a Send's. No password is
 * hashed inside the loops, so this is far less noisy than the difference of whole sign-ins.
 */
final class SendCostBenchmark {

    /** @param sends Sends measured (as many form requests too, and twice as many in the other loop) */
    record Result(int concurrency, int sends, double sendCpuMillis, double formCpuMillis, double sendP50, double sendP95,
                  double formP50, double formP95, int errors, List<String> firstErrors) {

        /** The server CPU a Send takes beyond a form request of the same step. */
        double sendOwnCpuMillis() {
            return sendCpuMillis - formCpuMillis;
        }
    }

    static final int ROUNDS = 4;

    private final PimKeycloak keycloak;
    private final List<String> firstErrors = new ArrayList<>();
    private final AtomicInteger errors = new AtomicInteger();

    SendCostBenchmark(PimKeycloak keycloak) {
        this.keycloak = keycloak;
    }

    Result measure(int sends, int concurrency) throws Exception {
        List<SignIn> people = new ArrayList<>();
        List<String> phoneIds = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            phoneIds.add(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0));
            people.add(signIn);
        }
        Latencies latencies = new Latencies();
        ServerCpu cpu = new ServerCpu(keycloak.serverPid());
        double sendLoopCpu = 0;
        double formLoopCpu = 0;
        int perRound = Math.max(1, sends / ROUNDS / concurrency);
        for (int round = 0; round < ROUNDS; round++) {
            double before = cpu.seconds();
            everyone(people, person -> {
                for (int i = 0; i < perRound; i++) {
                    long t = System.nanoTime();
                    Page page = people.get(person).send(phoneIds.get(person), "sms");
                    latencies.record("send", t);
                    if (!page.hasForm("pim-phone-otp-code")) {
                        failed("Send gave no code page: " + page.errors().trim());
                        return;
                    }
                    people.get(person).back();
                }
            });
            double middle = cpu.seconds();
            everyone(people, person -> {
                for (int i = 0; i < 2 * perRound; i++) {
                    long t = System.nanoTime();
                    Page page = people.get(person).postRaw("pim-phone-otp-select", Map.of("back", ""));
                    latencies.record("form", t);
                    if (!page.hasForm("pim-phone-otp-select")) {
                        failed("Back gave no select page: " + page.errors().trim());
                        return;
                    }
                }
            });
            sendLoopCpu += middle - before;
            formLoopCpu += cpu.seconds() - middle;
        }
        int measured = perRound * concurrency * ROUNDS;
        double formCpu = formLoopCpu / (2.0 * measured);
        double sendCpu = sendLoopCpu / measured - formCpu;
        return new Result(concurrency, measured, 1000 * sendCpu, 1000 * formCpu, latencies.percentile("send", 50),
                latencies.percentile("send", 95), latencies.percentile("form", 50), latencies.percentile("form", 95),
                errors.get(), List.copyOf(firstErrors));
    }

    private interface Loop {
        void run(int person);
    }

    private void everyone(List<SignIn> people, Loop loop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(people.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                int person = i;
                done.add(pool.submit(() -> {
                    try {
                        loop.run(person);
                    } catch (RuntimeException e) {
                        failed(e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private synchronized void failed(String what) {
        errors.incrementAndGet();
        if (firstErrors.size() < 5) {
            firstErrors.add(what);
        }
    }
}
