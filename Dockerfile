# The chaingraph service. Build: docker build -t chaingraph .
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /chaingraph .

FROM gcr.io/distroless/static-debian12
COPY --from=build /chaingraph /chaingraph
EXPOSE 50051 8080
ENTRYPOINT ["/chaingraph"]
# The container's listeners face the network, so serve refuses plaintext: mount a certificate
# and set CHAINGRAPH_TLS_CERT and CHAINGRAPH_TLS_KEY (and CHAINGRAPH_AUTH_TOKENS), or append
# --insecure where the published ports reach only the host (as docker-compose.yml does).
CMD ["serve", "--addr", "0.0.0.0:50051", "--http-addr", "0.0.0.0:8080"]
