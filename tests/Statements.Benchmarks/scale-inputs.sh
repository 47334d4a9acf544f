# Sourced by scale.sh and scale-ab.sh, so that both time the same requests. Reads the database at $db and sets:
# count (statements), officials (the 20 busiest, by slug), topics (20 slugs) and terms (20 words spread evenly over those
# found in 0.5–3 % of the statements, from the rarest to the most common).
count=$(sqlite3 "$db" "SELECT count(*) FROM statements")
mapfile -t officials < <(sqlite3 "$db" "SELECT o.slug FROM officials o JOIN statements s ON s.official_id = o.id GROUP BY o.id ORDER BY count(*) DESC LIMIT 20")
mapfile -t topics < <(sqlite3 "$db" "SELECT slug FROM topics ORDER BY id LIMIT 20")
mapfile -t terms < <(sqlite3 "$db" "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'statements_fts', 'row');
  SELECT term FROM (SELECT term, ntile(20) OVER (ORDER BY doc) AS band,
                           row_number() OVER (PARTITION BY 0 ORDER BY doc) AS n
                    FROM temp.v WHERE doc BETWEEN $count / 200 AND $count * 3 / 100 AND length(term) > 4)
  GROUP BY band HAVING n = min(n) ORDER BY band")
