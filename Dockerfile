# Keycloak with the PIM Access pack, in Keycloak's documented two-stage shape: the builder stage adds
# the pack and fixes the build-time options with kc.sh build; the runtime stage starts optimized.
#
#   ./mvnw -DskipTests package && docker build -t pim-access-keycloak .
#   docker run -e KC_DB_URL=... -e KC_HOSTNAME=... ... pim-access-keycloak     (kc.sh start --optimized)
#
# Where no registry answers, build the base with container/build-local-images.sh and add
# --build-arg KEYCLOAK_IMAGE=local/keycloak:26.7.3 (see "Run it in containers" in the README).
#
# Another Keycloak of the supported range (26.4 to 26.7): --build-arg KEYCLOAK_VERSION=26.4.7, or a whole
# KEYCLOAK_IMAGE (for example local/keycloak:26.4.7 from KEYCLOAK_VERSION=26.4.7 container/build-local-images.sh,
# or the Red Hat build of Keycloak's image).
ARG KEYCLOAK_VERSION=26.7.3
ARG KEYCLOAK_IMAGE=quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}

FROM ${KEYCLOAK_IMAGE} AS builder
COPY --chown=1000:0 dist/target/pim-access-keycloak-*.jar /opt/keycloak/providers/
# Build-time options: PostgreSQL, health and metrics on the management port (9000), and the features
# the pack relies on (on by default from 26.4 to 26.7; named so that another base cannot drop them).
RUN /opt/keycloak/bin/kc.sh build --db=postgres --health-enabled=true --metrics-enabled=true \
        --features=organization,step-up-authentication,passkeys

FROM ${KEYCLOAK_IMAGE}
COPY --from=builder /opt/keycloak/ /opt/keycloak/
# The entrypoint is the base's kc.sh. Runtime options come as KC_... variables, or with a whole
# command of your own: start --optimized --db-url=... --hostname=...
CMD ["start", "--optimized"]
