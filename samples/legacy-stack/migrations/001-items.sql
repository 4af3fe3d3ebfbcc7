-- The one-off migration (the `migrate` service, psql over the network to the service `db`).
-- Idempotent: it runs on every `up`, and a second run changes nothing but the log of runs.
\set ON_ERROR_STOP on

CREATE TABLE IF NOT EXISTS items (
  id   integer PRIMARY KEY,
  name text NOT NULL
);
INSERT INTO items (id, name) VALUES
  (1, 'volumes_from'),
  (2, 'network_mode: service:app'),
  (3, 'links: [db:database]'),
  (4, 'service_completed_successfully')
ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS migration_runs (
  run serial PRIMARY KEY,
  at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO migration_runs DEFAULT VALUES;

-- The app's read-only role, with the password given to psql as -v app_password=...
SELECT format('CREATE ROLE app LOGIN PASSWORD %L', :'app_password')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app') \gexec
GRANT SELECT ON items, migration_runs TO app;
