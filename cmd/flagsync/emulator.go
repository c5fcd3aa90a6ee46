package main

import (
	"context"
	"errors"
	"flag"

	"github.com/flagsync/flagsync/emulator"
)

func init() {
	register("emulator", "serve an emulated ConfigCat Management API for tests and demos", func(ctx context.Context, e *env, args []string) int {
		err := emulator.RunCommand(ctx, args, e.stdout, e.stderr)
		switch {
		case errors.Is(err, flag.ErrHelp):
			return exitOK // the usage is printed already
		case err != nil:
			return fail(e, err)
		}
		return exitOK
	})
}
