-- Name search (GET /user/search) is a case-insensitive prefix match. The lower-cased names are computed by the
-- gateway (Java's Unicode case mapping), not by lower(), whose result depends on the database's locale: on a
-- C-locale database lower() leaves every non-ASCII letter as it is.
ALTER TABLE users ADD COLUMN first_name_key text, ADD COLUMN second_name_key text;

UPDATE users SET first_name_key = lower(first_name), second_name_key = lower(second_name);

ALTER TABLE users ALTER COLUMN first_name_key SET NOT NULL, ALTER COLUMN second_name_key SET NOT NULL;

-- text_pattern_ops: a LIKE 'prefix%' can use the index whatever the collation.
CREATE INDEX users_name_prefix ON users (first_name_key text_pattern_ops, second_name_key text_pattern_ops);
