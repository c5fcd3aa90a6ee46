// Package wire holds the JSON models of ConfigCat's Public Management API: the answers (named after the
// OpenAPI schemas without their Model suffix) and the request bodies that both sides of the wire share. The
// client (package configcat) reads and sends them; the emulator (package emulator) emits and reads them. The
// package imports nothing of either, so the emulator still does not depend on the client.
//
// Sharing one set of types is safe because neither side is its own referee: the emulator's answers and the
// requests it accepts are checked against ConfigCat's published OpenAPI spec by the contract tests
// (internal/contract, emulator's evidence and contract tests, configcat/contract_test.go), independently of
// these types. A field that drifts from ConfigCat's schema fails those tests whichever side uses it.
//
// Answers carry no omitempty: the emulator emits every required key, nullable ones as an explicit null.
// Integers have the schema's format (int32 or int64); the client converts to int at the spec boundary.
// Request bodies: optional fields are pointers with omitempty, left unsent when nil ("leave unchanged"), so
// the emulator reading the same struct tells a missing field (nil) from an empty one. It keeps its own request
// structs only where it needs more (emulator/wire.go): a field the client never sends, or a missing id or
// title it must answer with the server's own message.
//
// Flag values and formulas (Value, EvaluationFormula and its parts) are one set for answers and requests, as
// in the schema: the emulator stores and emits them with every slot, null included, and the client sends them
// through a body that drops null members (configcat's withoutNulls), so it sends only the slots it sets.
//
// Not shared, because the two sides need different shapes: permission groups (the emulator renders them from
// its table of rights).
package wire
