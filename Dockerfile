# Build a static heimatbot binary, then ship it alone on a distroless base
# as a non-root user.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/heimatbot ./cmd/heimatbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/heimatbot /heimatbot
USER nonroot:nonroot
EXPOSE 8080
# distroless has no shell and no curl: the binary checks its own /healthz
# (http.addr from HEIMATBOT_HTTP_ADDR or the config, else 127.0.0.1:8080).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["/heimatbot", "healthcheck"]
ENTRYPOINT ["/heimatbot"]
