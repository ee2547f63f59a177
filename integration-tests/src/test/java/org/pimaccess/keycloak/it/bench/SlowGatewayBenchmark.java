package org.pimaccess.keycloak.it.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * A gateway that takes its time: C people press Send over and over while SNS answers each call after
 * a delay, and meanwhile other people sign in with their password only. It measures the Send step as
 * the person waits for it, and whether password sign-ins keep their pace next to stalled sends (they
 * did not before the bulkhead, when sends could hold every worker thread). The SMS sender is
 * {@code aws-sns}, whose default {@code max-concurrent-calls} (10) lets all C sends through.
 */
final class SlowGatewayBenchmark {

    /** Password-only sign-ins run two at a time, alone and then next to the sends. */
    static final int PASSWORD_CONCURRENCY = 2;

    record Result(Duration gatewayDelay, int concurrency, int sends, int sendErrors, double sendP50, double sendP95,
                  int passwordSignIns, double passwordAlonePerSecond, double passwordMeanwhilePerSecond,
                  int passwordErrors, List<String> firstErrors) {
    }

    private final PimKeycloak keycloak;
    private final List<String> firstErrors = new ArrayList<>();

    SlowGatewayBenchmark(PimKeycloak keycloak) {
        this.keycloak = keycloak;
    }

    Result measure(Duration gatewayDelay, int sends, int concurrency, int passwordSignIns) throws Exception {
        List<TestUser> senders = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            senders.add(TestUsers.withPhones(keycloak, 1));
        }
        List<TestUser> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(TestUsers.withPhones(keycloak, 1));
        }
        String passwordOnly = Clients.passwordOnly(keycloak);
        AtomicInteger passwordErrors = new AtomicInteger();
        double alone = passwordSignIns(passwordOnly, others, passwordSignIns, passwordErrors);

        Latencies latencies = new Latencies();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger sendErrors = new AtomicInteger();
        AtomicBoolean passwordsDone = new AtomicBoolean();
        keycloak.awsFake().snsAnswersAfter(gatewayDelay);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        double meanwhile;
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (TestUser user : senders) {
                workers.add(pool.submit(() -> sendOverAndOver(user, latencies, sent, sends, sendErrors, passwordsDone)));
            }
            meanwhile = passwordSignIns(passwordOnly, others, passwordSignIns, passwordErrors);
            passwordsDone.set(true);
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            keycloak.awsFake().answerNormally();
        }
        return new Result(gatewayDelay, concurrency, sent.get(), sendErrors.get(), latencies.percentile("send", 50),
                latencies.percentile("send", 95), passwordSignIns, alone, meanwhile, passwordErrors.get(),
                List.copyOf(firstErrors));
    }

    /** One person: password once, then Send, back to the select page, Send again, until both sides are done. */
    private void sendOverAndOver(TestUser user, Latencies latencies, AtomicInteger sent, int sends, AtomicInteger errors,
                                 AtomicBoolean passwordsDone) {
        try {
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            String phoneId = signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0);
            while (sent.get() < sends || !passwordsDone.get()) {
                long t = System.nanoTime();
                Page page = signIn.send(phoneId, "sms");
                latencies.record("send", t);
                sent.incrementAndGet();
                if (!page.hasForm("pim-phone-otp-code")) {
                    failed(errors, "Send gave no code page: " + page.errors().trim());
                    continue;
                }
                signIn.back();
            }
        } catch (RuntimeException e) {
            failed(errors, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Sign-ins per second of {@code count} password-only sign-ins, {@value #PASSWORD_CONCURRENCY} at a time. */
    private double passwordSignIns(String client, List<TestUser> users, int count, AtomicInteger errors) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PASSWORD_CONCURRENCY);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TestUser user = users.get(i % users.size());
                done.add(pool.submit(() -> {
                    try {
                        SignIn signIn = new SignIn(keycloak.baseUrl());
                        signIn.open(client, "password");
                        Page page = signIn.password(user.username(), TestUsers.PASSWORD);
                        if (!page.isCallback()) {
                            failed(errors, "password-only sign-in did not complete: " + page.errors().trim());
                        }
                    } catch (RuntimeException e) {
                        failed(errors, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private synchronized void failed(AtomicInteger errors, String what) {
        errors.incrementAndGet();
        if (firstErrors.size() < 5) {
            firstErrors.add(what);
        }
    }
}
