// Command chaingraph serves, loads and queries Hubei's industry-chain graph. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/chaingraph/chaingraph/server/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
