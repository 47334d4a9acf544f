-- API keys get a role: reader (reads, where reads need a key), editor (writes content), admin (also manages keys).
-- Keys made before roles existed were all made on the command line by whoever runs the server, and the command
-- line makes admin keys unless told otherwise, so they become admin.
-- created_by and revoked_by name the admin key that made or revoked a key through the API (absent: the command line).

ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'admin' CHECK (role IN ('reader', 'editor', 'admin'));
ALTER TABLE api_keys ADD COLUMN created_by INTEGER REFERENCES api_keys (id);
ALTER TABLE api_keys ADD COLUMN revoked_by INTEGER REFERENCES api_keys (id);
