package configcat

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// group runs Fetch's reads concurrently, at most limit at once, and keeps the first error, which cancels the
// context the others get: an errgroup whose functions take that context.
type group struct {
	g   *errgroup.Group
	ctx context.Context
}

func newGroup(ctx context.Context, limit int) *group {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, limit))
	return &group{g: g, ctx: gctx}
}

// Go runs f in a goroutine once fewer than limit run.
func (g *group) Go(f func(ctx context.Context) error) { g.g.Go(func() error { return f(g.ctx) }) }

// Wait waits for every function and returns the first error.
func (g *group) Wait() error { return g.g.Wait() }
