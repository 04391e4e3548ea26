module github.com/chaingraph/chaingraph

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/longbridgeapp/opencc v0.3.13
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4
	golang.org/x/text v0.42.0
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261110000943-09e21b237f2c
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
)

require (
	github.com/liuzl/cedar-go v0.0.0-20170805034717-80a9c64b256d // indirect
	github.com/liuzl/da v0.0.0-20180704015230-14771aad5b1d // indirect
	golang.org/x/net v0.60.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
)
