package spec

import (
	"slices"
	"strings"
)

// TagColors are ConfigCat's own tag colours; tags also take HTML colours.
var TagColors = []string{"panther", "whale", "salmon", "lizard", "canary", "koala"}

// htmlColors are the CSS named colours, which ConfigCat accepts as HTML colour codes.
var htmlColors = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond
		blue blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan
		darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange
		darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet
		deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro
		ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender
		lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray
		lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey
		lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid
		mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue
		mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod
		palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple
		red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue
		slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
		whitesmoke yellow yellowgreen`) {
		htmlColors[c] = true
	}
}

// validColor reports whether c is a colour ConfigCat accepts ("RGB or HTML color codes"): hex with or without
// the # (rgb, rgba, rrggbb, rrggbbaa), rgb(r, g, b) or rgba(r, g, b, a), or a CSS colour name, in any case and
// with surrounding spaces; for tags, also one of ConfigCat's tag colours.
func validColor(c string, tag bool) bool {
	lc := strings.ToLower(strings.TrimSpace(c))
	return hexColorPattern.MatchString(lc) || rgbColorPattern.MatchString(lc) || htmlColors[lc] ||
		tag && slices.Contains(TagColors, lc)
}
