package org.pimaccess.keycloak.it.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.UserRepresentation;

import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;

/**
 * How long a join takes, with the {@code pim-org-admin} listener's first-admin check, in an
 * organization of 10 members and of 10,000. Members are created through the admin API beforehand; the
 * timed joins are a realm admin adding a member, which runs the same join event as an invitation.
 */
final class OrgJoinBenchmark {

    private static final int WARM_UP_JOINS = 10;

    record Result(int members, int joins, double medianMillis, double p95Millis) {
    }

    private final PimKeycloak keycloak;
    private final Orgs orgs;

    OrgJoinBenchmark(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        this.orgs = new Orgs(keycloak);
    }

    /**
     * Fills one organization per size, warms the join path up with untimed joins, then times joins
     * that alternate between the organizations, so that JIT and machine drift hit every size alike.
     */
    List<Result> measure(List<Integer> sizes, int joins, int concurrency) throws Exception {
        List<String> organizations = new ArrayList<>();
        for (int size : sizes) {
            String organization = orgs.create(Orgs.uniqueName("Bench " + size));
            fill(organization, size, concurrency);
            organizations.add(organization);
        }
        for (String organization : organizations) {
            for (int i = 0; i < WARM_UP_JOINS; i++) {
                orgs.addMember(organization, member());
            }
        }
        List<List<Double>> millis = new ArrayList<>();
        organizations.forEach(organization -> millis.add(new ArrayList<>()));
        for (int i = 0; i < joins; i++) {
            for (int o = 0; o < organizations.size(); o++) {
                String joiner = member();
                long start = System.nanoTime();
                orgs.addMember(organizations.get(o), joiner);
                millis.get(o).add((System.nanoTime() - start) / 1e6);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int o = 0; o < organizations.size(); o++) {
            String organization = organizations.get(o);
            long total = keycloak.realm().organizations().get(organization).members().count();
            if (total != sizes.get(o) + WARM_UP_JOINS + joins || orgs.adminGroupMembers(organization).size() != 1) {
                throw new IllegalStateException("Organization " + organization + " has " + total + " members");
            }
            List<Double> sorted = new ArrayList<>(millis.get(o));
            Collections.sort(sorted);
            results.add(new Result(sizes.get(o), joins, sorted.get(sorted.size() / 2),
                    sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1)));
        }
        return results;
    }

    /** A user with no credentials: hashing 10,000 passwords would measure the hash, not the join. */
    private String member() {
        String username = "member-" + UUID.randomUUID();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.test");
        user.setEnabled(true);
        try (Response response = keycloak.realm().users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating a member answered " + response.getStatus());
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private void fill(String organization, int members, int concurrency) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> added = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                added.add(threads.submit(() -> {
                    String userId = member();
                    try (Response response = orgs.get(organization).members().addMember(userId)) {
                        if (response.getStatus() != 201) {
                            throw new IllegalStateException("addMember answered " + response.getStatus());
                        }
                    }
                }));
            }
            for (Future<?> each : added) {
                each.get(10, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
