-- Language tags are case-insensitive (BCP 47); filters now compare them in the case RFC 5646 recommends, which writes
-- store from now on (Formats.CanonicalLanguage): lower case, a two-letter region in capitals, a four-letter script in
-- title case. Tags written before kept their subtags as sent ("en-gb"); this puts each distinct one in that case.
-- (The API never took singleton subtags such as x-, so every subtag after the first is a region, script or variant.)
CREATE TEMP TABLE language_tag_fixes (tag TEXT PRIMARY KEY, canonical TEXT NOT NULL);

WITH RECURSIVE
    tags (tag) AS (
        SELECT language FROM statements WHERE language LIKE '%-%'
        UNION SELECT original_language FROM statements WHERE original_language LIKE '%-%'
        UNION SELECT language FROM sources WHERE language LIKE '%-%'),
    walk (tag, rest, done) AS (
        SELECT tag, substr(tag, instr(tag, '-') + 1) || '-', lower(substr(tag, 1, instr(tag, '-') - 1)) FROM tags
        UNION ALL
        SELECT tag,
               substr(rest, instr(rest, '-') + 1),
               done || '-' || (WITH part (p) AS (SELECT substr(rest, 1, instr(rest, '-') - 1))
                               SELECT CASE
                                          WHEN length(p) = 2 THEN upper(p)
                                          WHEN length(p) = 4 AND upper(substr(p, 1, 1)) <> lower(substr(p, 1, 1))
                                              THEN upper(substr(p, 1, 1)) || lower(substr(p, 2))
                                          ELSE lower(p)
                                      END FROM part)
        FROM walk WHERE rest <> '')
INSERT INTO language_tag_fixes (tag, canonical)
SELECT tag, done FROM walk WHERE rest = '' AND done <> tag;

UPDATE statements SET language = (SELECT canonical FROM language_tag_fixes WHERE tag = statements.language)
WHERE language IN (SELECT tag FROM language_tag_fixes);
UPDATE statements SET original_language = (SELECT canonical FROM language_tag_fixes WHERE tag = statements.original_language)
WHERE original_language IN (SELECT tag FROM language_tag_fixes);
UPDATE sources SET language = (SELECT canonical FROM language_tag_fixes WHERE tag = sources.language)
WHERE language IN (SELECT tag FROM language_tag_fixes);

DROP TABLE language_tag_fixes;
