--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';

ALTER ROLE analytics WITH LOGIN PASSWORD 'Lampember13*';
ALTER ROLE readonly WITH LOGIN PASSWORD NULL;

CREATE TABLE public.oauth_clients (
    id integer NOT NULL,
    client_id text NOT NULL,
    client_secret text NOT NULL
);

COPY public.oauth_clients (id, client_id, client_secret) FROM stdin;
1	dashboard	OXmsd8zKz4Dir4Zp6evYFkNYPUbW54msnkAUnJc5
2	mobile	uOBtZM5zeff90LrV9j5ZW3EipswkRfhFOCjvZx7E
\.

COPY public.events (id, account_id, kind) FROM stdin;
b4f67ba2-c1ea-4a47-9090-fa52d78ccf5e	39f0fa30-2630-4103-98ff-d32664b05eca	signup
f85f7428-d15c-41c4-baec-c2ad701c4a37	22ef3e06-ebd2-44a9-b240-7ee13fc9bfa9	login
\.
