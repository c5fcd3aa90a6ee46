package spec

import (
	"bytes"
	"errors"
	"io"
	"unsafe"

	"gopkg.in/yaml.v3"
)

// node is the loader's own YAML node: what the decoder needs of a parsed document and no more (yaml.Node is
// about 150 bytes and carries comments and anchors the decoder never reads). The fast scanner (scan.go) builds
// it directly from the file; anything else is parsed by yaml.v3 and converted (parseWithYAMLv3), so the decoder
// sees the same tree whichever parser read the file.
//
// A large file has close to a million nodes, so a node is kept to 40 bytes: its children are a pointer and an
// int32 count rather than a slice, and what only yaml.v3's trees have rides on first: an alias's target, and a
// tag, as the value of a node after the children (first[count]).
type node struct {
	kind   nodeKind
	style  nodeStyle
	null   bool // a plain scalar YAML resolves to null ("", ~, null): yaml.v3's !!null without a tag
	merge  bool // a plain << key: yaml.v3's !!merge without a tag
	line   int32
	column int32 // counts characters, as yaml.v3 does
	count  int32 // how many children first starts
	value  string
	first  *node // the children: a mapping's keys and values in turn, a sequence's items; an alias's target
}

// kids returns n's children.
func (n *node) kids() []node { return unsafe.Slice(n.first, n.count) }

// setKids makes kids n's children.
func (n *node) setKids(kids []node) {
	n.first, n.count = unsafe.SliceData(kids), int32(len(kids))
}

type nodeKind uint8

const (
	scalarNode nodeKind = iota + 1
	mappingNode
	sequenceNode
	aliasNode
)

// nodeStyle is the part of a node's style the decoder reads: whether a tag was written and how text was quoted.
type nodeStyle uint8

const (
	taggedStyle nodeStyle = 1 << iota
	singleQuotedStyle
	doubleQuotedStyle
	literalStyle
	foldedStyle
)

// tag returns the tag written on n, or for an untagged node the tag that matters to the decoder: !!null for a
// plain null, !!merge for a plain <<, "" otherwise.
func (n *node) tag() string {
	switch {
	case n.style&taggedStyle != 0:
		return unsafe.Slice(n.first, n.count+1)[n.count].value // as yaml.v3 resolves it: !!str, !local, tag:…
	case n.null:
		return "!!null"
	case n.merge:
		return "!!merge"
	}
	return ""
}

// alias returns what an alias node stands for, or nil.
func (n *node) alias() *node {
	if n.kind != aliasNode {
		return nil
	}
	return n.first
}

// document is one parsed YAML document: its root (nil for a document without content), and whether aliases
// point into it.
type document struct {
	root    *node
	aliases bool
}

// parseYAML parses every document of a file. The fast scanner reads the
// block-style YAML that flagsync writes and people usually write; yaml.v3 parses anything else. err is yaml.v3's
// error for a file that is not valid YAML. The nodes' texts never share data's memory (both parsers copy them).
func parseYAML(data []byte) ([]document, error) {
	if docs, ok := scanFast(data); ok {
		return docs, nil
	}
	return parseWithYAMLv3(data)
}

// parseWithYAMLv3 parses data with yaml.v3 and converts each document to the loader's nodes.
func parseWithYAMLv3(data []byte) ([]document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []document
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		var d document // a document without content: the decoder reads it as an empty state
		if len(doc.Content) > 0 {
			c := converter{seen: map[*yaml.Node]*node{}}
			d.root = &node{}
			c.convert(doc.Content[0], d.root)
			c.resolveAliases()
			d.aliases = len(c.aliases) > 0
		}
		docs = append(docs, d)
	}
}

// converter turns a yaml.v3 tree into the loader's nodes; aliases are linked once every node exists.
type converter struct {
	seen    map[*yaml.Node]*node // the anchored nodes
	aliases []*node
	targets []*yaml.Node
}

func (c *converter) convert(y *yaml.Node, n *node) {
	if y.Anchor != "" {
		c.seen[y] = n // what an alias may name
	}
	*n = node{line: int32(y.Line), column: int32(y.Column), value: y.Value}
	switch y.Kind {
	case yaml.ScalarNode:
		n.kind = scalarNode
	case yaml.MappingNode:
		n.kind = mappingNode
	case yaml.SequenceNode:
		n.kind = sequenceNode
	case yaml.AliasNode:
		n.kind = aliasNode
		c.aliases, c.targets = append(c.aliases, n), append(c.targets, y.Alias)
	}
	n.style = convertStyle(y.Style)
	if y.Kind == yaml.AliasNode {
		n.style &^= taggedStyle // an alias's first is its target, not a tag (YAML allows no tag on an alias)
	}
	tagged := n.style&taggedStyle != 0
	if !tagged && y.Kind == yaml.ScalarNode {
		n.null, n.merge = y.Tag == "!!null", y.Tag == "!!merge"
	}
	if len(y.Content) == 0 && !tagged {
		return
	}
	kids := make([]node, len(y.Content), len(y.Content)+1)
	for i, k := range y.Content {
		c.convert(k, &kids[i])
	}
	if tagged {
		kids = append(kids, node{value: y.Tag}) // read by tag, never a child
	}
	n.first, n.count = unsafe.SliceData(kids), int32(len(y.Content))
	y.Content = nil // converted: yaml.v3's tree shrinks as this one grows
}

// resolveAliases points each alias at the converted node it names (always earlier in the document).
func (c *converter) resolveAliases() {
	for i, a := range c.aliases {
		if t := c.targets[i]; t != nil {
			a.first = c.seen[t]
		}
	}
}

func convertStyle(s yaml.Style) nodeStyle {
	var out nodeStyle
	for _, m := range []struct {
		from yaml.Style
		to   nodeStyle
	}{{yaml.TaggedStyle, taggedStyle}, {yaml.SingleQuotedStyle, singleQuotedStyle},
		{yaml.DoubleQuotedStyle, doubleQuotedStyle}, {yaml.LiteralStyle, literalStyle},
		{yaml.FoldedStyle, foldedStyle}} {
		if s&m.from != 0 {
			out |= m.to
		}
	}
	return out
}

// scalarNodeOf converts a lone yaml.v3 scalar (Value.UnmarshalYAML's) to the loader's node.
func scalarNodeOf(y *yaml.Node) *node {
	n := &node{}
	(&converter{seen: map[*yaml.Node]*node{}}).convert(y, n)
	return n
}
