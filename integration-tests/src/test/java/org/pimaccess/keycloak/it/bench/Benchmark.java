package org.pimaccess.keycloak.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pimaccess.keycloak.it.harness.PimKeycloak;

/**
 * The benchmark behind {@code bench/results/latest.md}: the CPU a phone-OTP sign-in costs against
 * Keycloak's own password + TOTP sign-in, measured in one run on one server and alternated in rounds
 * so that drift of the machine hits both alike, and the cost of a join in a small and a large
 * organization. Run with {@code ./mvnw -Pbench verify}; see the README.
 */
public final class Benchmark {

    /** The one-at-a-time sign-ins run in parts that alternate which flow goes first, as the rounds do. */
    private static final int PROBE_PARTS = 4;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int signIns = Integer.getInteger("bench.signins", 500);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        int rounds = Integer.getInteger("bench.rounds", 10);
        int users = Integer.getInteger("bench.users", 100);
        int warmUp = Integer.getInteger("bench.warmup", 100);
        int warmUpBatches = Integer.getInteger("bench.warmup-max-batches", 30);
        double quietShare = Integer.getInteger("bench.warmup-jit-quiet-percent", 5) / 100.0;
        int joins = Integer.getInteger("bench.joins", 30);
        int probe = Integer.getInteger("bench.probe", 200);
        int slowSends = Integer.getInteger("bench.slow-sends", 200);
        int sendCost = Integer.getInteger("bench.send-cost", 400);
        Duration slowGateway = Duration.ofMillis(Integer.getInteger("bench.slow-gateway-ms", 300));
        List<Integer> orgSizes = Arrays.stream(System.getProperty("bench.org-sizes", "10,10000").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        Path output = Path.of(System.getProperty("bench.output", "bench/results/latest.md"));

        try (PimKeycloak keycloak = PimKeycloak.start()) {
            SignInBenchmark signInBench = new SignInBenchmark(keycloak);
            signInBench.prepare(users, signIns, warmUp * warmUpBatches);
            WarmUp warm = warmUp(signInBench, warmUp, warmUpBatches, quietShare, concurrency);

            SignInBenchmark.Flow phone = new SignInBenchmark.Flow("Phone OTP (password, then SMS code)");
            SignInBenchmark.Flow totp = new SignInBenchmark.Flow("Keycloak password + TOTP (baseline)");
            SignInBenchmark.Flow passkey = new SignInBenchmark.Flow("Passkey alone (acr=passkey)");
            SignInBenchmark.Flow trusted = new SignInBenchmark.Flow("Trusted browser (password, no code; acr=phone-otp)");
            int perRound = signIns / rounds;
            for (int round = 0; round < rounds; round++) {
                boolean phoneFirst = round % 2 == 0;
                int offset = round * perRound;
                signInBench.run(phoneFirst ? phone : totp, phoneFirst ? SignInBenchmark.Kind.PHONE_OTP : SignInBenchmark.Kind.TOTP,
                        perRound, concurrency, offset);
                signInBench.run(phoneFirst ? totp : phone, phoneFirst ? SignInBenchmark.Kind.TOTP : SignInBenchmark.Kind.PHONE_OTP,
                        perRound, concurrency, offset);
                signInBench.run(passkey, SignInBenchmark.Kind.PASSKEY, perRound, concurrency, offset);
                signInBench.run(trusted, SignInBenchmark.Kind.TRUSTED_BROWSER, perRound, concurrency, offset);
                log("round " + (round + 1) + "/" + rounds + " done");
            }

            SignInBenchmark.Flow phoneAlone = new SignInBenchmark.Flow("Phone OTP, one at a time");
            SignInBenchmark.Flow totpAlone = new SignInBenchmark.Flow("Password + TOTP, one at a time");
            log(probe + " sign-ins of each kind one at a time, for the server time of each step");
            for (int part = 0; part < PROBE_PARTS; part++) {
                boolean phoneFirst = part % 2 == 0;
                int offset = part * probe / PROBE_PARTS;
                signInBench.run(phoneFirst ? phoneAlone : totpAlone, phoneFirst ? SignInBenchmark.Kind.PHONE_OTP
                        : SignInBenchmark.Kind.TOTP, probe / PROBE_PARTS, 1, offset);
                signInBench.run(phoneFirst ? totpAlone : phoneAlone, phoneFirst ? SignInBenchmark.Kind.TOTP
                        : SignInBenchmark.Kind.PHONE_OTP, probe / PROBE_PARTS, 1, offset);
            }

            log(sendCost + " Sends and form requests at C = " + concurrency + ", for the server CPU of a Send");
            SendCostBenchmark.Result cost = new SendCostBenchmark(keycloak).measure(sendCost, concurrency);

            log(slowSends + " Sends at C = " + concurrency + " to a gateway taking " + slowGateway.toMillis()
                    + " ms, password-only sign-ins alone and meanwhile");
            SlowGatewayBenchmark.Result slow = new SlowGatewayBenchmark(keycloak)
                    .measure(slowGateway, slowSends, concurrency, Math.max(20, slowSends / 2));

            log("organizations of " + orgSizes + " members: filling, then " + joins + " timed joins into each");
            List<OrgJoinBenchmark.Result> joinResults = new OrgJoinBenchmark(keycloak).measure(orgSizes, joins, concurrency);

            String table = ResultsTable.markdown(new ResultsTable.Run(OffsetDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16) + " UTC",
                    signIns, concurrency, rounds, users, warm, probe), phone, totp, passkey, trusted, phoneAlone, totpAlone,
                    cost, slow, joinResults);
            Files.createDirectories(output.toAbsolutePath().getParent());
            Files.writeString(output, table);
            System.out.println(table);
            log("results written to " + output.toAbsolutePath());
        }
    }

    /** How the JIT was warmed up: batches run, and the compilers' share of the server's CPU in the last one. */
    record WarmUp(int batches, int signInsPerFlow, double lastJitShare, double quietShare) {
    }

    /**
     * Batches of {@code perBatch} sign-ins of each kind until the JIT compilers take less than {@code quietShare} of
     * the server's CPU in a batch (or {@code maxBatches} ran): on two cores one C2 thread works through a queue of
     * hot methods for minutes, and its CPU would otherwise land on whichever flow runs meanwhile.
     */
    private static WarmUp warmUp(SignInBenchmark bench, int perBatch, int maxBatches, double quietShare, int concurrency)
            throws Exception {
        double share = 1;
        int batch = 0;
        while (batch < maxBatches && share >= quietShare) {
            Map<ServerCpu.ThreadKind, Double> cpu = new EnumMap<>(ServerCpu.ThreadKind.class);
            for (SignInBenchmark.Kind kind : SignInBenchmark.Kind.values()) {
                bench.run(null, kind, perBatch, concurrency, batch * perBatch).cpuSecondsByKind
                        .forEach((thread, seconds) -> cpu.merge(thread, seconds, Double::sum));
            }
            double all = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
            share = all == 0 ? 1 : cpu.getOrDefault(ServerCpu.ThreadKind.JIT, 0.0) / all;
            batch++;
            log(String.format(Locale.ROOT, "warm-up batch %d (%d sign-ins of each kind): server CPU %.1f s, the JIT compilers %.0f %%",
                    batch, perBatch, all, 100 * share));
        }
        return new WarmUp(batch, batch * perBatch, share, quietShare);
    }

    private static void log(String message) {
        System.out.println(String.format(Locale.ROOT, "[bench] %s", message));
    }

    static String machine() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
