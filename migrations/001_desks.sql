-- Workspaces and what each keeps besides its index: article files (original bytes and metadata), feeds, schedules
-- and the change log (the PostgreSQL side of src/desk/store.ts).
CREATE TABLE workspaces (
  id         text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
  workspace  text NOT NULL REFERENCES workspaces (id),
  name       text NOT NULL,
  hash       text NOT NULL,
  content    bytea NOT NULL,
  size       integer NOT NULL,
  modified   timestamptz NOT NULL DEFAULT clock_timestamp(),
  trashed_at timestamptz,
  PRIMARY KEY (workspace, name)
);
-- The same content is stored once per workspace (an import or a job run again writes nothing new).
CREATE UNIQUE INDEX articles_content ON articles (workspace, hash) WHERE trashed_at IS NULL;

CREATE TABLE feeds (
  workspace text NOT NULL REFERENCES workspaces (id),
  id        text NOT NULL,
  data      jsonb NOT NULL,
  PRIMARY KEY (workspace, id)
);

CREATE TABLE schedules (
  workspace text NOT NULL REFERENCES workspaces (id),
  id        text NOT NULL,
  data      jsonb NOT NULL,
  -- Kept out of `data` so that claiming a slot is one atomic UPDATE.
  last_slot timestamptz,
  PRIMARY KEY (workspace, id)
);

CREATE TABLE changes (
  id        bigserial PRIMARY KEY,
  workspace text NOT NULL REFERENCES workspaces (id),
  at        timestamptz NOT NULL,
  data      jsonb NOT NULL
);
CREATE INDEX changes_recent ON changes (workspace, id DESC);
