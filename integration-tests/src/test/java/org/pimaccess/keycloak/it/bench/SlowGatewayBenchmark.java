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

    /** Password-only sign-ins run two at a time, alone and next to the sends. */
    static final int PASSWORD_CONCURRENCY = 2;
    /** Alone, next to the Sends, alone, next to the Sends: drift of a shared machine hits both sides alike. */
    static final int HALVES = 4;

    /**
     * @param sendsServerCpuShare      of the machine's cores, what the Send loops took on the server next to the password
     *                                 sign-ins: its CPU meanwhile less the password sign-ins' CPU at their cost alone
     * @param sendsGeneratorCpuShare   the same for the load generator's process, which runs the people, the AWS fake
     *                                 and its 300 ms waits on the same cores
     * @param passwordAloneCpuShare    of the machine's cores, what the password sign-ins alone kept busy (server and
     *                                 load generator)
     * @param meanwhileCpuShare        of the machine's cores, what the password sign-ins and the Sends together kept busy
     */
    record Result(Duration gatewayDelay, int concurrency, int sends, int sendErrors, double sendP50, double sendP95,
                  int passwordSignIns, double passwordAlonePerSecond, double passwordMeanwhilePerSecond,
                  int passwordErrors, double sendsServerCpuShare, double sendsGeneratorCpuShare,
                  double passwordAloneCpuShare, double meanwhileCpuShare, List<String> firstErrors) {

        /** How much slower password-only sign-ins were next to the Sends. */
        double slowdown() {
            return 1 - passwordMeanwhilePerSecond / passwordAlonePerSecond;
        }

        /**
         * How much slower they would be if the Sends cost them nothing but the CPU the Sends used: the cores the
         * password sign-ins kept busy alone, less the Sends' share, at most.
         */
        double cpuSlowdown() {
            double left = Math.min(passwordAloneCpuShare, 1 - sendsServerCpuShare - sendsGeneratorCpuShare);
            return 1 - left / passwordAloneCpuShare;
        }
    }

    private final PimKeycloak keycloak;
    private final List<String> firstErrors = new ArrayList<>();

    SlowGatewayBenchmark(PimKeycloak keycloak) {
        this.keycloak = keycloak;
    }

    Result measure(Duration gatewayDelay, int sends, int concurrency, int passwordSignIns) throws Exception {
        List<TestUser> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(TestUsers.withPhones(keycloak, 1));
        }
        // The senders are signed in with their password before any clock starts: the row is about their Sends.
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            senders.add(new Sender(signIn, signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0)));
        }
        String passwordOnly = Clients.passwordOnly(keycloak);
        ServerCpu server = new ServerCpu(keycloak.serverPid());
        ServerCpu generator = new ServerCpu(ProcessHandle.current().pid());
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger passwordErrors = new AtomicInteger();
        Latencies latencies = new Latencies();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger sendErrors = new AtomicInteger();
        Half alone = new Half();
        Half meanwhile = new Half();
        int perHalf = Math.max(1, passwordSignIns / (HALVES / 2));
        keycloak.awsFake().forgetSent();
        keycloak.awsFake().snsAnswersAfter(gatewayDelay);
        try {
            for (int half = 0; half < HALVES; half++) {
                boolean withSends = half % 2 == 1;
                Half into = withSends ? meanwhile : alone;
                // The clock and the CPU run while the password sign-ins do, not while the senders finish their last Send.
                Measured passwords = () -> {
                    double serverBefore = server.seconds();
                    double generatorBefore = generator.seconds();
                    long start = System.nanoTime();
                    passwordSignIns(passwordOnly, others, perHalf, passwordErrors);
                    into.add(perHalf, (System.nanoTime() - start) / 1e9, server.seconds() - serverBefore,
                            generator.seconds() - generatorBefore);
                };
                if (withSends) {
                    nextToSends(senders, latencies, sent, sends * (half + 1) / HALVES, sendErrors, passwords);
                } else {
                    passwords.run();
                }
            }
        } finally {
            keycloak.awsFake().answerNormally();
        }
        double serverPerSignIn = alone.serverCpu / alone.signIns;
        double generatorPerSignIn = alone.generatorCpu / alone.signIns;
        double capacity = cores * meanwhile.seconds;
        return new Result(gatewayDelay, concurrency, sent.get(), sendErrors.get(), latencies.percentile("send", 50),
                latencies.percentile("send", 95), meanwhile.signIns, alone.perSecond(), meanwhile.perSecond(),
                passwordErrors.get(), (meanwhile.serverCpu - meanwhile.signIns * serverPerSignIn) / capacity,
                (meanwhile.generatorCpu - meanwhile.signIns * generatorPerSignIn) / capacity,
                (alone.serverCpu + alone.generatorCpu) / (cores * alone.seconds),
                (meanwhile.serverCpu + meanwhile.generatorCpu) / capacity, List.copyOf(firstErrors));
    }

    /** One of the people pressing Send: their browser, past the password, and the phone they send to. */
    private record Sender(SignIn signIn, String phoneId) {
    }

    /** The password-only sign-ins of the halves of one kind, and the CPU each process used meanwhile. */
    private static final class Half {
        int signIns;
        double seconds;
        double serverCpu;
        double generatorCpu;

        void add(int count, double wall, double server, double generator) {
            signIns += count;
            seconds += wall;
            serverCpu += server;
            generatorCpu += generator;
        }

        double perSecond() {
            return signIns / seconds;
        }
    }

    private interface Measured {
        void run() throws Exception;
    }

    /** Runs the password sign-ins while the senders press Send, until both they are done and {@code sendsBy} Sends are. */
    private void nextToSends(List<Sender> senders, Latencies latencies, AtomicInteger sent, int sendsBy, AtomicInteger errors,
                             Measured passwords) throws Exception {
        AtomicBoolean passwordsDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (Sender sender : senders) {
                workers.add(pool.submit(() -> sendOverAndOver(sender, latencies, sent, sendsBy, errors, passwordsDone)));
            }
            passwords.run();
            passwordsDone.set(true);
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One person: Send, back to the select page, Send again, until both sides are done. */
    private void sendOverAndOver(Sender sender, Latencies latencies, AtomicInteger sent, int sendsBy, AtomicInteger errors,
                                 AtomicBoolean passwordsDone) {
        try {
            while (sent.get() < sendsBy || !passwordsDone.get()) {
                long t = System.nanoTime();
                Page page = sender.signIn().send(sender.phoneId(), "sms");
                latencies.record("send", t);
                sent.incrementAndGet();
                if (!page.hasForm("pim-phone-otp-code")) {
                    failed(errors, "Send gave no code page: " + page.errors().trim());
                    continue;
                }
                sender.signIn().back();
            }
        } catch (RuntimeException e) {
            failed(errors, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** {@code count} password-only sign-ins, {@value #PASSWORD_CONCURRENCY} at a time. */
    private void passwordSignIns(String client, List<TestUser> users, int count, AtomicInteger errors) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PASSWORD_CONCURRENCY);
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
    }

    private synchronized void failed(AtomicInteger errors, String what) {
        errors.incrementAndGet();
        if (firstErrors.size() < 5) {
            firstErrors.add(what);
        }
    }
}
