# flagsync's image: a static binary on an empty base with CA certificates, run as a non-root user.
# The user is uid 1001, the uid that owns the workspace and command files on GitHub-hosted runners, so that the
# image also works as a Docker action without root.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/usr/local/bin/flagsync ./cmd/flagsync \
 && mkdir -p /out/etc/ssl/certs /out/tmp \
 && cp /etc/ssl/certs/ca-certificates.crt /out/etc/ssl/certs/ \
 && echo 'flagsync:x:1001:1001:flagsync:/tmp:/nonexistent' > /out/etc/passwd \
 && echo 'flagsync:x:1001:' > /out/etc/group \
 && chmod 1777 /out/tmp

FROM scratch
COPY --from=build /out/ /
USER 1001:1001
ENV HOME=/tmp
ENTRYPOINT ["/usr/local/bin/flagsync"]
CMD ["help"]
