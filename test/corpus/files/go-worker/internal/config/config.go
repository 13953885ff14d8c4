package config

import "os"

type Config struct {
	DatabaseURL string
	VaultToken  string
	NewRelicKey string
}

func Load() Config {
	return Config{
		DatabaseURL: os.Getenv("DATABASE_URL"),
		VaultToken:  os.Getenv("VAULT_TOKEN"),
		NewRelicKey: os.Getenv("NEW_RELIC_LICENSE_KEY"),
	}
}
