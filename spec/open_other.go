//go:build !unix

package spec

import "os"

// openFlags open a file for reading; outside Unix there are no FIFOs to wait on.
const openFlags = os.O_RDONLY
