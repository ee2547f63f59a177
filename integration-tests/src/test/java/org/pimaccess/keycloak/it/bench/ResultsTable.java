package org.pimaccess.keycloak.it.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The benchmark's results as the Markdown committed under {@code bench/results/}. */
final class ResultsTable {

    record Run(String date, int signIns, int concurrency, int rounds, int users, Benchmark.WarmUp warmUp, int probe) {
    }

    static final double CPU_RATIO_TARGET = 1.10;
    static final double SEND_P95_TARGET_MS = 12;
    /** The token step of phone OTP (with the {@code organization} claim) over the baseline's, p50, one at a time. */
    static final double TOKEN_OVER_BASELINE_TARGET_MS = 0.3;
    /** Password-only sign-ins next to C people pressing Send at a slow gateway: at most this much slower. */
    static final double SLOW_GATEWAY_SLOWDOWN_TARGET = 0.13;
    static final double JOIN_RATIO_TARGET = 1.5;
    /** A step during which the JIT compilers used less CPU than this ran next to a quiet compiler. */
    static final double QUIET_JIT_MS = 0.5;

    private ResultsTable() {
    }

    static String markdown(Run run, SignInBenchmark.Flow phone, SignInBenchmark.Flow totp, SignInBenchmark.Flow passkey,
            SignInBenchmark.Flow trusted, SignInBenchmark.Flow phoneAlone,
            SignInBenchmark.Flow totpAlone, SendCostBenchmark.Result cost, SlowGatewayBenchmark.Result slow,
            List<OrgJoinBenchmark.Result> joins) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by `./mvnw -Pbench verify` (integration-tests, `org.pimaccess.keycloak.it.bench`).\n\n");
        md.append("| | |\n|---|---|\n");
        md.append(row("date", run.date()));
        md.append(row("machine", Benchmark.machine() + ", " + Runtime.getRuntime().availableProcessors() + " cores"));
        md.append(row("Java (load generator)", System.getProperty("java.version")));
        md.append(row("Keycloak", "26.7.3, `start-dev` with theme and template caching on (as in production), "
                + "H2 in memory, one process, pack deployed"));
        md.append(row("gateway", "WireMock AWS fake answering at once (after a delay in \"A slow gateway\")"));
        md.append(row("sign-ins per flow (N)", Integer.toString(run.signIns())));
        md.append(row("concurrency (C)", Integer.toString(run.concurrency())));
        md.append(row("rounds (flows alternate)", Integer.toString(run.rounds())));
        md.append(row("users per flow", Integer.toString(run.users())));
        Benchmark.WarmUp warm = run.warmUp();
        md.append(row("warm-up sign-ins per flow (not counted)", String.format(Locale.ROOT,
                "%d, in %d batches of all four kinds; %s under %.0f %% of the server's CPU in a batch: %.1f %% in the last",
                warm.signInsPerFlow(), warm.batches(), warm.lastJitShare() < warm.quietShare()
                        ? "until the JIT compilers took" : "stopped at the most batches, the JIT compilers not yet",
                100 * warm.quietShare(), 100 * warm.lastJitShare())));
        md.append(row("sign-ins per flow one at a time (step times)", Integer.toString(run.probe())));
        md.append('\n');

        md.append("## Sign-ins\n\n");
        md.append("| flow | sign-ins | errors | sign-ins/s | server CPU s per sign-in | of it requests / GC / JIT / rest "
                + "| without the JIT compilers |\n|---|---|---|---|---|---|---|\n");
        for (SignInBenchmark.Flow flow : List.of(phone, totp, passkey, trusted)) {
            StringBuilder split = new StringBuilder();
            for (ServerCpu.ThreadKind kind : ServerCpu.ThreadKind.values()) {
                split.append(split.length() == 0 ? "" : " / ")
                        .append(String.format(Locale.ROOT, "%.4f", flow.cpuSecondsByKind.getOrDefault(kind, 0.0) / flow.signIns));
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.4f | %s | %.4f |%n", flow.name, flow.signIns,
                    flow.errors.get(), flow.signIns / flow.wallSeconds, cpuPerSignIn(flow), split, steadyCpuPerSignIn(flow)));
        }
        md.append(String.format(Locale.ROOT, "%nThe JIT compilers' share of the server's CPU in these rounds: %.0f %% (phone OTP), "
                + "%.0f %% (baseline). They compile whatever has become hot, while any flow runs, so their CPU lands on the flows "
                + "by the time each runs, not by what each costs; without it, phone OTP costs %.2f x the baseline's CPU per "
                + "sign-in (%.2f x with it).%n", 100 * jitShare(phone), 100 * jitShare(totp),
                steadyCpuPerSignIn(phone) / steadyCpuPerSignIn(totp), cpuPerSignIn(phone) / cpuPerSignIn(totp)));
        md.append(roundRatios(phone, totp));
        md.append(String.format(Locale.ROOT, "%nA passkey sign-in hashes no password and sends no code: its server CPU is "
                + "%.2f x the baseline's (password + TOTP).%n", cpuPerSignIn(passkey) / cpuPerSignIn(totp)));
        md.append(String.format(Locale.ROOT, "A sign-in on a trusted browser (the password, then the browser's cookie checked "
                + "and its last use written; no Send, no code page) costs %.2f x the baseline's server CPU, and sends no text.%n",
                cpuPerSignIn(trusted) / cpuPerSignIn(totp)));
        md.append('\n');
        md.append("Time per step in ms, as the client sees it on loopback (redirects followed). One at a time, it is\n"
                + "the server's time for the step; under load at C, queueing for the two cores adds to every step:\n\n");
        md.append(steps("one at a time", phoneAlone, totpAlone));
        md.append(stepCpu(phoneAlone, totpAlone));
        md.append(steps("under load, C = " + run.concurrency(), phone, totp));

        md.append("## The Send request against a form request\n\n");
        md.append(String.format(Locale.ROOT, "C people signed in with their password alternate Send then Back, and Back twice "
                + "from the select page (a form request of the same step that sends nothing, and shows a page), in %d "
                + "rounds; the server CPU of each loop, per request. No password is hashed in these loops.%n%n",
                SendCostBenchmark.ROUNDS));
        md.append("| request | C | requests | server CPU ms per request | p50 ms | p95 ms |\n|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| Send (SMS) | %d | %d | %.2f | %s | %s |%n", cost.concurrency(), cost.sends(),
                cost.sendCpuMillis(), ms(cost.sendP50()), ms(cost.sendP95())));
        md.append(String.format(Locale.ROOT, "| form request (Back to the select page) | %d | %d | %.2f | %s | %s |%n%n",
                cost.concurrency(), 2 * cost.sends(), cost.formCpuMillis(), ms(cost.formP50()), ms(cost.formP95())));
        md.append(String.format(Locale.ROOT, "A Send costs %.2f ms of server CPU more than a form request of the step.%n%n",
                cost.sendOwnCpuMillis()));

        md.append("## A slow gateway\n\n");
        md.append(String.format(Locale.ROOT, "C people, signed in with their password beforehand, press Send over and over "
                + "while the SMS gateway (aws-sns) answers each call after %d ms; meanwhile, other people sign in with their "
                + "password only (acr=password), %d at a time. Password-only sign-ins are measured alone and next to the "
                + "Sends in turn, %d halves, so that drift of the machine hits both alike.%n%n",
                slow.gatewayDelay().toMillis(), SlowGatewayBenchmark.PASSWORD_CONCURRENCY, SlowGatewayBenchmark.HALVES));
        md.append("| gateway | C | Sends | errors | Send p50 ms | Send p95 ms | password-only sign-ins | "
                + "password-only sign-ins/s alone | password-only sign-ins/s meanwhile |\n|---|---|---|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| %d ms | %d | %d | %d | %s | %s | %d | %.1f | %.1f |%n%n",
                slow.gatewayDelay().toMillis(), slow.concurrency(), slow.sends(), slow.sendErrors() + slow.passwordErrors(),
                ms(slow.sendP50()), ms(slow.sendP95()), slow.passwordSignIns(), slow.passwordAlonePerSecond(),
                slow.passwordMeanwhilePerSecond()));
        md.append(String.format(Locale.ROOT, "Password-only sign-ins alone kept %.0f %% of the %d cores busy (server and load "
                + "generator). Next to them, the Send loops took %.0f %% of the cores: %.0f %% in the server (Send and Back), "
                + "%.0f %% in the load generator's process (the people's HTTP clients and page parsing, and the AWS fake). Had the "
                + "Sends cost the password sign-ins nothing but that CPU, they would have been %.0f %% slower; they were "
                + "%.0f %% slower, while both together kept %.0f %% of the cores busy.%n%n", 100 * slow.passwordAloneCpuShare(), Runtime.getRuntime().availableProcessors(),
                100 * (slow.sendsServerCpuShare() + slow.sendsGeneratorCpuShare()), 100 * slow.sendsServerCpuShare(),
                100 * slow.sendsGeneratorCpuShare(), 100 * slow.cpuSlowdown(), 100 * slow.slowdown(),
                100 * slow.meanwhileCpuShare()));

        md.append("## Organization joins\n\n");
        md.append("| members before | timed joins | median ms | p95 ms |\n|---|---|---|---|\n");
        for (OrgJoinBenchmark.Result join : joins) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f |%n", join.members(), join.joins(),
                    join.medianMillis(), join.p95Millis()));
        }
        md.append('\n');

        double cpuRatio = cpuPerSignIn(phone) / cpuPerSignIn(totp);
        double sendP95 = phoneAlone.latencies.percentile("send (SMS)", 95);
        double joinRatio = joins.size() < 2 ? Double.NaN
                : joins.get(joins.size() - 1).medianMillis() / joins.get(0).medianMillis();
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        md.append(target(String.format(Locale.ROOT, "phone-OTP CPU per sign-in at most %.2f x baseline", CPU_RATIO_TARGET),
                String.format(Locale.ROOT, "%.2f x", cpuRatio), cpuRatio <= CPU_RATIO_TARGET));
        int errors = phone.errors.get() + totp.errors.get() + passkey.errors.get() + trusted.errors.get() + phoneAlone.errors.get()
                + totpAlone.errors.get() + cost.errors() + slow.sendErrors() + slow.passwordErrors();
        md.append(target("0 errors (sign-ins, Sends, slow gateway)", errors + " errors", errors == 0));
        md.append(target(String.format(Locale.ROOT, "Send step server time p95 at most %.0f ms (one at a time)", SEND_P95_TARGET_MS),
                ms(sendP95) + " ms", sendP95 <= SEND_P95_TARGET_MS));
        double tokenOver = phoneAlone.latencies.percentile("token", 50) - totpAlone.latencies.percentile("token", 50);
        md.append(target(String.format(Locale.ROOT, "token step p50 at most the baseline's + %.1f ms (one at a time)",
                        TOKEN_OVER_BASELINE_TARGET_MS),
                String.format(Locale.ROOT, "%+.1f ms", tokenOver), tokenOver <= TOKEN_OVER_BASELINE_TARGET_MS));
        double slowdown = slow.slowdown();
        md.append(target(String.format(Locale.ROOT, "password-only sign-ins next to the slow gateway's Sends at most %.0f %% slower",
                        100 * SLOW_GATEWAY_SLOWDOWN_TARGET),
                String.format(Locale.ROOT, "%.0f %%", 100 * slowdown), slowdown <= SLOW_GATEWAY_SLOWDOWN_TARGET));
        if (joins.size() >= 2) {
            md.append(target(String.format(Locale.ROOT, "join at %d members at most %.1f x join at %d", joins.get(joins.size() - 1)
                            .members(), JOIN_RATIO_TARGET, joins.get(0).members()),
                    String.format(Locale.ROOT, "%.2f x", joinRatio), joinRatio <= JOIN_RATIO_TARGET));
        }
        for (SignInBenchmark.Flow flow : List.of(phone, totp, passkey, trusted, phoneAlone, totpAlone)) {
            for (String error : flow.firstErrors) {
                md.append("\nFirst errors of ").append(flow.name).append(": ").append(error).append('\n');
            }
        }
        for (String error : cost.firstErrors()) {
            md.append("\nFirst errors of the Send loops: ").append(error).append('\n');
        }
        for (String error : slow.firstErrors()) {
            md.append("\nFirst errors next to the slow gateway: ").append(error).append('\n');
        }
        return md.toString();
    }

    private static String steps(String title, SignInBenchmark.Flow phone, SignInBenchmark.Flow totp) {
        StringBuilder md = new StringBuilder();
        md.append("| step, " + title + " | phone OTP p50 | phone OTP p95 | baseline p50 | baseline p95 |\n|---|---|---|---|---|\n");
        Set<String> steps = new LinkedHashSet<>(phone.latencies.steps());
        steps.addAll(totp.latencies.steps());
        for (String step : steps) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", step,
                    ms(phone.latencies.percentile(step, 50)), ms(phone.latencies.percentile(step, 95)),
                    ms(totp.latencies.percentile(step, 50)), ms(totp.latencies.percentile(step, 95))));
        }
        return md.append('\n').toString();
    }

    /**
     * Phone OTP's CPU per sign-in over the baseline's, round by round: both ran back to back in each, so the spread is
     * what the machine's drift does to one run's ratio.
     */
    private static String roundRatios(SignInBenchmark.Flow phone, SignInBenchmark.Flow totp) {
        int rounds = Math.min(phone.cpuPerSignInByChunk.size(), totp.cpuPerSignInByChunk.size());
        if (rounds == 0) {
            return "";
        }
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            ratios.add(phone.cpuPerSignInByChunk.get(round) / totp.cpuPerSignInByChunk.get(round));
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        return String.format(Locale.ROOT, "%nThe same ratio round by round (each round ran both flows back to back): %s; "
                + "from %.2f to %.2f, median %.2f.%n", ratios.stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio))
                        .collect(Collectors.joining(", ")), sorted.get(0), sorted.get(rounds - 1),
                rounds % 2 == 1 ? sorted.get(rounds / 2) : (sorted.get(rounds / 2 - 1) + sorted.get(rounds / 2)) / 2);
    }

    /** Where the CPU ratio comes from: each step's server CPU, one at a time, side by side, by kind of thread. */
    private static String stepCpu(SignInBenchmark.Flow phone, SignInBenchmark.Flow totp) {
        Set<ServerCpu.ThreadKind> all = EnumSet.allOf(ServerCpu.ThreadKind.class);
        StringBuilder md = new StringBuilder();
        md.append("Server CPU per step in ms, one at a time: the mean of each step's CPU over all the server's threads (their "
                + "`schedstat`, read before and after the step while the server does nothing else), and how it splits by "
                + "thread: the requests' own (HTTP event loops and workers) / the garbage collector / the JIT compilers / "
                + "the rest of the JVM:\n\n");
        md.append("| step, one at a time | phone OTP CPU ms | requests / GC / JIT / rest | baseline CPU ms | requests / GC / JIT / rest "
                + "| phone OTP minus baseline |\n|---|---|---|---|---|---|\n");
        Set<String> steps = new LinkedHashSet<>(phone.latencies.steps());
        steps.addAll(totp.latencies.steps());
        double phoneSum = 0;
        double totpSum = 0;
        for (String step : steps) {
            double p = zeroIfNaN(phone.latencies.cpuMean(step, all));
            double t = zeroIfNaN(totp.latencies.cpuMean(step, all));
            phoneSum += p;
            totpSum += t;
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", step, p == 0 ? "–" : ms(p), byKind(phone, step),
                    t == 0 ? "–" : ms(t), byKind(totp, step), String.format(Locale.ROOT, "%+.1f", p - t)));
        }
        md.append(String.format(Locale.ROOT, "| **a sign-in** | **%.1f** | | **%.1f** | | **%+.1f** (%.2f x) |%n%n", phoneSum, totpSum,
                phoneSum - totpSum, phoneSum / totpSum));
        String send = "send (SMS)";
        md.append(String.format(Locale.ROOT, "The Send one at a time: time p50 %s and p95 %s ms; the server's CPU in it p50 %s and "
                + "p95 %s ms; the time less that CPU (the server waiting: for the gateway fake, for a core) p50 %s and p95 %s ms.%n%n",
                ms(phone.latencies.percentile(send, 50)), ms(phone.latencies.percentile(send, 95)),
                ms(phone.latencies.cpuPercentile(send, 50)), ms(phone.latencies.cpuPercentile(send, 95)),
                ms(phone.latencies.waitPercentile(send, 50)), ms(phone.latencies.waitPercentile(send, 95))));
        double[] quietP50 = phone.latencies.percentileWithoutJit(send, 50, QUIET_JIT_MS);
        double[] quietP95 = phone.latencies.percentileWithoutJit(send, 95, QUIET_JIT_MS);
        md.append(String.format(Locale.ROOT, "Of the %d Sends, %.0f ran while the JIT compilers used less than %.1f ms of CPU: "
                + "their time p50 %s and p95 %s ms.%n%n", phone.latencies.count(send), quietP95[1], QUIET_JIT_MS,
                ms(quietP50[0]), ms(quietP95[0])));
        return md.toString();
    }

    private static String byKind(SignInBenchmark.Flow flow, String step) {
        StringBuilder split = new StringBuilder();
        for (ServerCpu.ThreadKind kind : ServerCpu.ThreadKind.values()) {
            double millis = flow.latencies.cpuMean(step, EnumSet.of(kind));
            if (Double.isNaN(millis)) {
                return "";
            }
            split.append(split.length() == 0 ? "" : " / ").append(ms(millis));
        }
        return split.toString();
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** CPU per sign-in of every server thread but the JIT compilers', from the threads' own counters. */
    private static double steadyCpuPerSignIn(SignInBenchmark.Flow flow) {
        double all = flow.cpuSecondsByKind.values().stream().mapToDouble(Double::doubleValue).sum();
        return (all - flow.cpuSecondsByKind.getOrDefault(ServerCpu.ThreadKind.JIT, 0.0)) / flow.signIns;
    }

    private static double jitShare(SignInBenchmark.Flow flow) {
        double all = flow.cpuSecondsByKind.values().stream().mapToDouble(Double::doubleValue).sum();
        return flow.cpuSecondsByKind.getOrDefault(ServerCpu.ThreadKind.JIT, 0.0) / all;
    }

    private static double cpuPerSignIn(SignInBenchmark.Flow flow) {
        return flow.cpuSeconds / flow.signIns;
    }

    private static String row(String name, String value) {
        return "| " + name + " | " + value + " |\n";
    }

    private static String target(String name, String measured, boolean met) {
        return "| " + name + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f", millis);
    }
}
