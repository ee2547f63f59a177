package org.pimaccess.keycloak.it.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.SoftwarePasskey;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Browser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * Full sign-ins of three kinds against the same server: phone OTP in realm {@code pim}, a passkey alone in
 * realm {@code pim} (a {@link SoftwarePasskey} answering the sign-in page), and the baseline, Keycloak's own
 * password + TOTP in a second realm {@code bench-totp} with the same number of users.
 */
final class SignInBenchmark {

    static final String BASELINE_REALM = "bench-totp";
    static final String BASELINE_CLIENT = "bench";

    /** The kinds of sign-in measured. */
    enum Kind { PHONE_OTP, TOTP, PASSKEY, TRUSTED_BROWSER }

    /** One kind of sign-in and what was measured of it. */
    static final class Flow {
        final String name;
        final Latencies latencies = new Latencies();
        final AtomicInteger errors = new AtomicInteger();
        final List<String> firstErrors = new ArrayList<>();
        int signIns;
        double wallSeconds;
        double cpuSeconds;
        /** The server's CPU per sign-in of each measured chunk, in order. */
        final List<Double> cpuPerSignInByChunk = new ArrayList<>();
        /** The server's CPU in the measured chunks by kind of thread, in seconds (threads that ended in a chunk are missing). */
        final Map<ServerCpu.ThreadKind, Double> cpuSecondsByKind = new EnumMap<>(ServerCpu.ThreadKind.class);

        Flow(String name) {
            this.name = name;
        }

        synchronized void failed(Exception e) {
            errors.incrementAndGet();
            if (firstErrors.size() < 5) {
                firstErrors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private record BaselineUser(String username, String secret) {
    }

    private record PasskeyUser(TestUser user, SoftwarePasskey passkey) {
    }

    /** A person with a phone and a browser they trusted: its cookie, which each sign-in's fresh browser carries. */
    private record TrustingUser(TestUser user, String cookieName, String cookieValue) {
    }

    private final PimKeycloak keycloak;
    private final List<TestUser> phoneUsers = new ArrayList<>();
    private final List<BaselineUser> baselineUsers = new ArrayList<>();
    private final List<PasskeyUser> passkeyUsers = new ArrayList<>();
    private final List<TrustingUser> trustingUsers = new ArrayList<>();

    SignInBenchmark(PimKeycloak keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * Users with a phone in {@code pim}, the same number with TOTP in the baseline realm. The realm keeps
     * its caps, but one benchmark machine sends every code from one address, so the per-IP cap is raised
     * and the cooldown (per user) is off, since a user signs in again within seconds.
     */
    void prepare(int users, int signIns, int warmUpSends) {
        keycloak.phoneOtpSettings().change(Map.of("resend-cooldown-seconds", "0",
                "ip-send-cap", Integer.toString(4 * signIns + 1000 + warmUpSends),
                "user-send-cap", Integer.toString(signIns), "phone-send-cap", Integer.toString(signIns)));
        for (int i = 0; i < users; i++) {
            trustingUsers.add(trusting(TestUsers.withPhones(keycloak, 1)));
        }
        for (int i = 0; i < users; i++) {
            phoneUsers.add(TestUsers.withPhones(keycloak, 1));
            SoftwarePasskey passkey = SoftwarePasskey.create();
            passkeyUsers.add(new PasskeyUser(TestUsers.withPasskey(keycloak, passkey.credential("Bench key")), passkey));
        }
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(BASELINE_REALM);
        realm.setEnabled(true);
        realm.setBruteForceProtected(true);
        realm.setFailureFactor(5);
        realm.setEventsEnabled(true);
        realm.setEventsListeners(List.of("jboss-logging"));
        keycloak.admin().realms().create(realm);
        // The same TOTP code may sign a user in twice within its 30 s, as users repeat within seconds here.
        // Keycloak reads the OTP policy only as a whole, so every field of it is given.
        RealmRepresentation reusable = new RealmRepresentation();
        reusable.setOtpPolicyType("totp");
        reusable.setOtpPolicyAlgorithm("HmacSHA1");
        reusable.setOtpPolicyDigits(6);
        reusable.setOtpPolicyLookAheadWindow(1);
        reusable.setOtpPolicyPeriod(30);
        reusable.setOtpPolicyInitialCounter(0);
        reusable.setOtpPolicyCodeReusable(true);
        baseline().update(reusable);
        if (!Boolean.TRUE.equals(baseline().toRepresentation().isOtpPolicyCodeReusable())) {
            throw new IllegalStateException("The baseline realm does not allow a TOTP code twice");
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(BASELINE_CLIENT);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of("http://127.0.0.1/*"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
        baseline().clients().create(client).close();
        for (int i = 0; i < users; i++) {
            baselineUsers.add(baselineUser());
        }
    }

    /** Runs {@code count} sign-ins of this kind at this concurrency into {@code flow}, or a new one when null; returns it. */
    Flow run(Flow flow, Kind kind, int count, int concurrency, int offset) throws Exception {
        Flow into = flow == null ? new Flow("warm-up") : flow;
        // The fake keeps every message; reading a code scans them all, in the load generator on the server's cores.
        keycloak.awsFake().forgetSent();
        ServerCpu cpu = new ServerCpu(keycloak.serverPid());
        ServerCpu perStep = concurrency == 1 ? cpu : null;
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        Map<String, ServerCpu.ThreadCpu> threadsBefore = cpu.threads();
        double cpuBefore = cpu.seconds();
        double systemBefore = cpu.systemSeconds();
        Instant began = Instant.now();
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int user = (offset + i) % phoneUsers.size();
                done.add(threads.submit(() -> {
                    try {
                        switch (kind) {
                            case PHONE_OTP -> phoneSignIn(new StepClock(into.latencies, perStep), phoneUsers.get(user));
                            case TOTP -> baselineSignIn(new StepClock(into.latencies, perStep), baselineUsers.get(user));
                            case PASSKEY -> passkeySignIn(new StepClock(into.latencies, perStep), passkeyUsers.get(user));
                            case TRUSTED_BROWSER -> trustedSignIn(new StepClock(into.latencies, perStep), trustingUsers.get(user));
                        }
                    } catch (Exception e) {
                        into.failed(e);
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get(5, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        into.wallSeconds += (System.nanoTime() - start) / 1e9;
        double chunkCpu = cpu.seconds() - cpuBefore;
        into.cpuSeconds += chunkCpu;
        into.cpuPerSignInByChunk.add(chunkCpu / count);
        Map<ServerCpu.ThreadKind, Long> byKind = cpu.nanosSince(threadsBefore);
        byKind.forEach((thread, nanos) -> into.cpuSecondsByKind.merge(thread, nanos / 1e9, Double::sum));
        if (flow != null) {
            System.out.printf(Locale.ROOT, "[bench] %s, %d at C = %d: %.1f s, server CPU %.2f s, of it the JIT compilers %.2f s, in the kernel %.2f s"
                            + " (%s to %s, for a profile's time window)%n",
                    kind, count, concurrency, (System.nanoTime() - start) / 1e9, chunkCpu,
                    byKind.get(ServerCpu.ThreadKind.JIT) / 1e9, cpu.systemSeconds() - systemBefore, began, Instant.now());
        }
        into.signIns += count;
        return into;
    }

    private void phoneSignIn(StepClock clock, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        clock.start();
        signIn.open("pim");
        clock.done("open sign-in page");
        clock.start();
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        clock.done("password");
        expect(select.hasForm("pim-phone-otp-select"), "no Phone OTP page", select);
        clock.start();
        Page codePage = signIn.send(select.phoneIds().get(0), "sms");
        clock.done("send (SMS)");
        expect(codePage.hasForm("pim-phone-otp-code"), "no code page", codePage);
        String code = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());
        clock.start();
        Page done = signIn.code(code);
        clock.done("code");
        expect(done.isCallback(), "code not accepted", done);
        clock.start();
        Object acr = signIn.idToken("pim", SignIn.PIM_SECRET).get("acr");
        clock.done("token");
        expect("phone-otp".equals(acr), "acr " + acr, done);
    }

    /** Signs the person in once with a code and the box ticked, and keeps the browser's trusted-browser cookie. */
    private TrustingUser trusting(TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        Page done = signIn.browser().submit("pim-phone-otp-code",
                Map.of("code", SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()), "trustBrowser", "on"), "verify");
        expect(done.isCallback(), "trusting the browser failed", done);
        Map.Entry<String, String> cookie = signIn.browser().cookies().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("PIM_TRUSTED_BROWSER_")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No trusted-browser cookie for " + user.username()));
        return new TrustingUser(user, cookie.getKey(), cookie.getValue());
    }

    /** The password, then the trusted browser stands in for the code: no Send, no code page. */
    private void trustedSignIn(StepClock clock, TrustingUser person) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.browser().putCookie(person.cookieName(), person.cookieValue());
        clock.start();
        signIn.open("pim");
        clock.done("open sign-in page");
        clock.start();
        Page done = signIn.password(person.user().username(), TestUsers.PASSWORD);
        clock.done("password (trusted browser)");
        expect(done.isCallback(), "the trusted browser did not stand in for the code", done);
        clock.start();
        Object acr = signIn.idToken("pim", SignIn.PIM_SECRET).get("acr");
        clock.done("token");
        expect("phone-otp".equals(acr), "acr " + acr, done);
    }

    /** No password hash and no code: the sign-in page, one signature checked, the token. */
    private void passkeySignIn(StepClock clock, PasskeyUser person) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        clock.start();
        Page page = signIn.open("pim");
        clock.done("open sign-in page");
        clock.start();
        Page done = signIn.browser().submit("webauth", person.passkey().answer(page, keycloak.baseUrl(), person.user().id()), null);
        clock.done("passkey");
        expect(done.isCallback(), "passkey not accepted", done);
        clock.start();
        Object acr = signIn.idToken("pim", SignIn.PIM_SECRET).get("acr");
        clock.done("token");
        expect("passkey".equals(acr), "acr " + acr, done);
    }

    private void baselineSignIn(StepClock clock, BaselineUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl(), new Browser(keycloak.baseUrl(), BASELINE_REALM));
        clock.start();
        signIn.open(BASELINE_CLIENT);
        clock.done("open sign-in page");
        clock.start();
        Page otp = signIn.password(user.username(), TestUsers.PASSWORD);
        clock.done("password");
        expect(otp.hasForm("kc-otp-login-form"), "no TOTP page", otp);
        clock.start();
        Page done = signIn.browser().submit("kc-otp-login-form", Map.of("otp", Totp.code(user.secret(), Instant.now())), null);
        clock.done("code");
        expect(done.isCallback(), "TOTP not accepted", done);
        clock.start();
        signIn.idToken(BASELINE_CLIENT, null);
        clock.done("token");
    }

    private BaselineUser baselineUser() {
        String username = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.test");
        user.setFirstName("Bench");
        user.setLastName("User");
        user.setEnabled(true);
        user.setEmailVerified(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(TestUsers.PASSWORD);
        password.setTemporary(false);
        CredentialRepresentation totp = new CredentialRepresentation();
        totp.setType("otp");
        totp.setUserLabel("Bench TOTP");
        totp.setSecretData("{\"value\":\"" + secret + "\"}");
        totp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        user.setCredentials(List.of(password, totp));
        try (Response response = baseline().users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating a baseline user answered " + response.getStatus());
            }
            CreatedResponseUtil.getCreatedId(response);
        }
        return new BaselineUser(username, secret);
    }

    private RealmResource baseline() {
        return keycloak.admin().realm(BASELINE_REALM);
    }

    private static void expect(boolean condition, String what, Page page) {
        if (!condition) {
            throw new IllegalStateException(what + " (" + page.uri() + "): "
                    + (page.body().isEmpty() ? "" : page.text().substring(0, Math.min(200, page.text().length()))));
        }
    }
}
