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
CMD ["serve", "--addr", "0.0.0.0:50051", "--http-addr", "0.0.0.0:8080"]
