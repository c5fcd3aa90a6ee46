package configcat

import (
	"github.com/flagsync/flagsync/spec"
)

// Request bodies built from the spec model. A create leaves out empty texts (nil and "" mean the same to a
// create); an update sends them, since nil would leave the field as it is.

// CreateProductRequest builds a product's create body.
func CreateProductRequest(p *spec.Product) ProductRequest {
	return ProductRequest{Name: strPtr(p.Name), Description: strPtr(p.Description), Order: order32(p.Order)}
}

// UpdateProductRequest builds a product's update body.
func UpdateProductRequest(p *spec.Product) ProductRequest {
	return ProductRequest{Name: strPtr(p.Name), Description: text(p.Description), Order: order32(p.Order)}
}

// CreateEnvironmentRequest builds an environment's create body.
func CreateEnvironmentRequest(e *spec.Environment) EnvironmentRequest {
	return EnvironmentRequest{Name: strPtr(e.Name), Color: strPtr(e.Color), Description: strPtr(e.Description), Order: order32(e.Order)}
}

// UpdateEnvironmentRequest builds an environment's update body.
func UpdateEnvironmentRequest(e *spec.Environment) EnvironmentRequest {
	return EnvironmentRequest{Name: strPtr(e.Name), Color: text(e.Color), Description: text(e.Description), Order: order32(e.Order)}
}

// CreateConfigRequestFromSpec builds a config's create body; an unset evaluation version is v2.
func CreateConfigRequestFromSpec(c *spec.Config) CreateConfigRequest {
	version := c.EvaluationVersion
	if version == "" {
		version = spec.EvaluationV2
	}
	return CreateConfigRequest{Name: c.Name, Description: strPtr(c.Description), Order: order32(c.Order), EvaluationVersion: strPtr(string(version))}
}

// UpdateConfigRequestFromSpec builds a config's update body (its evaluation version cannot change).
func UpdateConfigRequestFromSpec(c *spec.Config) UpdateConfigRequest {
	return UpdateConfigRequest{Name: text(c.Name), Description: text(c.Description), Order: order32(c.Order)}
}

// CreateTagRequest builds a tag's create body.
func CreateTagRequest(t *spec.Tag) TagRequest {
	return TagRequest{Name: strPtr(t.Name), Color: strPtr(t.Color)}
}

// UpdateTagRequest builds a tag's update body.
func UpdateTagRequest(t *spec.Tag) TagRequest {
	return TagRequest{Name: strPtr(t.Name), Color: text(t.Color)}
}

// CreateSegmentRequest builds a segment's create body.
func CreateSegmentRequest(s *spec.Segment) SegmentRequest {
	req := SegmentRequestFromSpec(s)
	req.Description = strPtr(s.Description)
	return req
}

// text is s to send as it is, "" included: an update's empty text clears the field, where strPtr's nil would
// leave it unchanged.
func text(s string) *string { return &s }

// order32 is a spec order in the API's int32; the spec's validator refuses an order that does not fit.
func order32(o *int) *int32 {
	if o == nil {
		return nil
	}
	v := int32(*o)
	return &v
}
