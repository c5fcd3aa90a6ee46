package configcat

import "context"

// admittedKey is the context key of the function WithAdmitted sets.
type admittedKey struct{}

// WithAdmitted returns a context that makes the client call f each time its pacing admits a request made
// with that context, right before the request is sent (a retry is admitted, and reported, again). The
// applier uses it to learn that every call of a change has its place in the rate-limit windows, so that the
// next stage may start without waiting for the change's answer.
func WithAdmitted(ctx context.Context, f func()) context.Context {
	return context.WithValue(ctx, admittedKey{}, f)
}

// ReportAdmitted calls the function WithAdmitted set on ctx, if any. The client calls it for every request it
// admits; an executor that makes its calls otherwise reports them with it.
func ReportAdmitted(ctx context.Context) {
	if f, ok := ctx.Value(admittedKey{}).(func()); ok && f != nil {
		f()
	}
}
