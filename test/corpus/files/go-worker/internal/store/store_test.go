package store

import "testing"

// Fixtures: none of these values is a credential; the database is an in-memory fake.
const testPassword = "test-password"
const testDSN = "postgres://test:test@localhost:5432/test?sslmode=disable"
const testTenant = "474f0b86-69e0-4b65-ade6-4866ae338b2c"

func TestOpen(t *testing.T) {
	s, err := Open(testDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
}
