# syntax=docker/dockerfile:1
# Vigil's container image: `docker build -t vigil .`
# Build stage: the Swift 6.1 toolchain on Debian 12, so the binary's glibc matches the
# runtime image. The Swift runtime and Foundation are linked statically; what remains
# dynamic (glibc, libstdc++, libgcc_s, zlib for the gzipped configuration Secret) is in
# the distroless "cc" image; the build image has zlib1g-dev.
FROM swift:6.1-bookworm AS build
WORKDIR /src
# Dependencies first, in their own layer, so editing sources does not refetch them.
COPY Package.swift Package.resolved* ./
RUN swift package resolve
# SwiftPM checks every declared target's directory, so the test and benchmark sources come
# along; only the vigil product is built.
COPY . .
RUN swift build -c release --static-swift-stdlib --product vigil \
    && mkdir -p /out \
    && cp "$(swift build -c release --static-swift-stdlib --show-bin-path)/vigil" /out/vigil \
    && strip /out/vigil

# Runtime stage: no shell, no package manager, non-root (UID/GID 65532) by default.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/vigil /usr/local/bin/vigil
USER 65532:65532
# 8080: /metrics, /healthz, /readyz; 9095: the Prometheus-compatible query API.
EXPOSE 8080 9095
ENTRYPOINT ["/usr/local/bin/vigil"]
CMD ["run"]
