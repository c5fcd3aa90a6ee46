# flagsync's image: a static binary on an empty base with CA certificates, run as a non-root user.
# The user is uid 1001, the uid that owns the workspace and command files on GitHub-hosted runners, so that the
# image also works as a Docker action without root.
#
# Local build: docker build -t flagsync .   (or podman build)
# The release (.github/workflows/release.yml) builds it for linux/amd64 and linux/arm64 with
#   --build-arg VERSION=v1.2.3 --build-arg COMMIT=<full git revision>
# which are stamped into the binary (`flagsync version`) and into the OCI labels below.
# The build stage runs on the builder's own platform and cross-compiles, so no emulation is needed.
FROM --platform=$BUILDPLATFORM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG TARGETOS
ARG TARGETARCH
ARG VERSION=dev
ARG COMMIT=unknown
RUN CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=${TARGETARCH} go build -trimpath \
      -ldflags "-s -w -buildid= -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/usr/local/bin/flagsync ./cmd/flagsync \
 && mkdir -p /out/etc/ssl/certs /out/tmp \
 && cp /etc/ssl/certs/ca-certificates.crt /out/etc/ssl/certs/ \
 && echo 'flagsync:x:1001:1001:flagsync:/tmp:/nonexistent' > /out/etc/passwd \
 && echo 'flagsync:x:1001:' > /out/etc/group \
 && chmod 1777 /out/tmp

FROM scratch
ARG VERSION=dev
ARG COMMIT=unknown
LABEL org.opencontainers.image.title="flagsync" \
      org.opencontainers.image.description="Keep ConfigCat feature flags in Git: plan, apply, export and migrate them from YAML." \
      org.opencontainers.image.source="https://github.com/flagsync/flagsync" \
      org.opencontainers.image.url="https://github.com/flagsync/flagsync" \
      org.opencontainers.image.documentation="https://github.com/flagsync/flagsync#readme" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${COMMIT}"
COPY --from=build /out/ /
USER 1001:1001
ENV HOME=/tmp
ENTRYPOINT ["/usr/local/bin/flagsync"]
CMD ["help"]
