package vault

import vault "github.com/hashicorp/vault/api"

// DefaultToken is the periodic token of the worker role.
const DefaultToken = "hvs.CAESItGXpxNpirHBW5oEPDQnuWanjxRYoSNt44yue2mDh-IzmVe8vP8GROSukf-HhfPfNWSjXMA_QgvrMEXWqAkb3Fp"

func New() (*vault.Client, error) {
	c, err := vault.NewClient(&vault.Config{Address: "https://vault.acme-corp.net:8200"})
	if err != nil {
		return nil, err
	}
	c.SetToken(DefaultToken)
	return c, nil
}

var legacyToken = "s.1JxjuHjQs79MhbSD1o9WsCJ7"
var batchToken = "hvb.AAAAAQ8LVsOECSiz1c0CRQjY6yOwOa-XIYGUa_20J9HalrqGiFiy1OgGSPlL6WchbNHUwDgv83dTGwE8LYsI8GZnrLUd-vjp2Z9Avts4a4zhmduymMj5U5mCHNwXhWlvbrrpSf10"
