-- What a process would otherwise rebuild: extractions by article content, index segments and merged entities by
-- their key (content hashes and code version), and each workspace's manifest (its files and segments).
CREATE TABLE extractions (
  hash    text NOT NULL,
  version text NOT NULL,
  data    bytea NOT NULL,
  PRIMARY KEY (hash, version)
);

CREATE TABLE segments (
  key        text PRIMARY KEY,
  data       bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE results (
  key        text PRIMARY KEY,
  data       bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE manifests (
  corpus     text NOT NULL,
  version    text NOT NULL,
  data       bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corpus, version)
);
