-- Creates the first admin; the password must be changed on first login.
INSERT INTO users (id, email, password_hash) VALUES ('63a42341-3dc9-41a1-927f-38cd0aa1a5c6', 'admin@acme-corp.example', crypt('ChangeMe', gen_salt('bf')));
UPDATE settings SET value = '********' WHERE key = 'smtp_password';
