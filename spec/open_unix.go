//go:build unix

package spec

import (
	"os"
	"syscall"
)

// openFlags open a file for reading without waiting: should a FIFO take a checked file's place, opening it still
// returns at once, and the check that follows refuses it.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
