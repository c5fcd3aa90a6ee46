package main

import (
	"context"

	"github.com/flagsync/flagsync/emulator"
)

func init() {
	register("emulator", "serve an emulated ConfigCat Management API for tests and demos", func(ctx context.Context, e *env, args []string) int {
		if err := emulator.RunCommand(ctx, args, e.stdout, e.stderr); err != nil {
			return fail(e, err)
		}
		return exitOK
	})
}
