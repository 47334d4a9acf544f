-- The sample article (sample-article.txt, bound as @articleText) as data: its source, the officials it
-- names, the Geneva summit, its topics and every statement it reports. Dates the article leaves vague
-- are given with year precision and explained in context rather than invented.

INSERT INTO sources (url, title, publisher, published_on, language, text, created_at, updated_at)
VALUES (NULL, 'Lavrov: Moscow Has No Illusions about the Biden-Putin Summit', NULL, NULL, 'en', @articleText, @now, @now);

INSERT INTO officials (slug, name, native_name, aliases, country, wikidata_id, created_at, updated_at) VALUES
    ('sergei-lavrov', 'Sergei Lavrov', 'Сергей Лавров', '["Sergey Lavrov","Sergei Viktorovich Lavrov"]', 'RU', NULL, @now, @now),
    ('antony-blinken', 'Antony Blinken', NULL, '["Anthony Blinken","Tony Blinken","Antony J. Blinken"]', 'US', NULL, @now, @now),
    ('joe-biden', 'Joe Biden', NULL, '["Joseph Biden","Joseph R. Biden Jr."]', 'US', 'Q6279', @now, @now),
    ('vladimir-putin', 'Vladimir Putin', 'Владимир Путин', '["Vladimir Vladimirovich Putin"]', 'RU', 'Q7747', @now, @now);

INSERT INTO official_roles (official_id, position, title, organization, country, start_on, end_on)
SELECT o.id, r.position, r.title, r.organization, r.country, r.start_on, r.end_on
FROM (
    SELECT 'sergei-lavrov' AS slug, 0 AS position, 'Minister of Foreign Affairs' AS title,
           'Ministry of Foreign Affairs of the Russian Federation' AS organization, 'RU' AS country,
           '2004-03-09' AS start_on, NULL AS end_on
    UNION ALL SELECT 'antony-blinken', 0, 'Deputy Secretary of State', 'United States Department of State', 'US', '2015-01-09', '2017-01-20'
    UNION ALL SELECT 'antony-blinken', 1, 'Secretary of State', 'United States Department of State', 'US', '2021-01-26', '2025-01-20'
    UNION ALL SELECT 'joe-biden', 0, 'Vice President of the United States', 'Government of the United States', 'US', '2009-01-20', '2017-01-20'
    UNION ALL SELECT 'joe-biden', 1, 'President of the United States', 'Government of the United States', 'US', '2021-01-20', '2025-01-20'
    UNION ALL SELECT 'vladimir-putin', 0, 'President of Russia', 'Russian Federation', 'RU', '2000-05-07', '2008-05-07'
    UNION ALL SELECT 'vladimir-putin', 1, 'Prime Minister of Russia', 'Government of the Russian Federation', 'RU', '2008-05-08', '2012-05-07'
    UNION ALL SELECT 'vladimir-putin', 2, 'President of Russia', 'Russian Federation', 'RU', '2012-05-07', NULL
) r JOIN officials o ON o.slug = r.slug;

INSERT INTO topics (slug, name, description, parent_id, keywords, created_at, updated_at) VALUES
    ('us-russia-relations', 'US–Russia relations', 'Relations between the United States and Russia.', NULL,
     '["Russian-American relations","US-Russian relations","US–Russia relations","relations with Russia","relations with the United States","Russia and the United States","the United States and Russia"]', @now, @now),
    ('strategic-stability', 'Strategic stability', 'Nuclear deterrence, arms control and the dialogue between nuclear powers.', NULL,
     '["strategic stability","nuclear powers","arms control","strategic dialogue","nuclear weapons"]', @now, @now),
    ('non-interference', 'Non-interference in internal affairs', 'The principle that states stay out of each other''s internal affairs.', NULL,
     '["non-interference","internal affairs","interference in"]', @now, @now);
INSERT INTO topics (slug, name, description, parent_id, keywords, created_at, updated_at)
SELECT 'normalization-of-relations', 'Normalisation of relations', 'Steps towards normal relations between the United States and Russia.', id,
       '["normalization","normalisation","improving relations","normalize relations","normalise relations"]', @now, @now
FROM topics WHERE slug = 'us-russia-relations';

INSERT INTO meetings (slug, title, kind, starts_on, ends_on, location_city, location_country, created_at, updated_at)
VALUES ('geneva-summit-2021', 'Biden–Putin summit in Geneva', 'summit', '2021-06-16', NULL, 'Geneva', 'CH', @now, @now);

INSERT INTO meeting_participants (meeting_id, official_id)
SELECT m.id, o.id FROM meetings m JOIN officials o ON o.slug IN ('joe-biden', 'vladimir-putin') WHERE m.slug = 'geneva-summit-2021';

INSERT INTO meeting_topics (meeting_id, topic_id)
SELECT m.id, t.id FROM meetings m JOIN topics t ON t.slug IN ('strategic-stability', 'us-russia-relations') WHERE m.slug = 'geneva-summit-2021';

-- The statements, in the order the article reports them. "summit" marks those made about the Geneva summit.
CREATE TEMP TABLE sample_statements (
    position INTEGER PRIMARY KEY, speaker TEXT, kind TEXT, text TEXT, context TEXT, summit INTEGER, topics TEXT);
INSERT INTO temp.sample_statements VALUES
    (1, 'sergei-lavrov', 'paraphrase',
     'Moscow has no "high expectations" or "illusions" about a possible breakthrough at the upcoming summit with the participation of US and Russian Presidents Joe Biden and Vladimir Putin.',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 1, 'us-russia-relations'),
    (2, 'sergei-lavrov', 'paraphrase',
     'The fact of the June 16 meeting in Geneva, the first personal meeting of the two leaders since Biden took office in January, is significant in itself.',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 1, 'us-russia-relations'),
    (3, 'sergei-lavrov', 'quote',
     'We have no overestimated expectations, no illusions that any breakthroughs are coming. But there is an objective need for an exchange of views at the highest level on what threats Russia and the United States see as the two largest nuclear powers in the international arena',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 1, 'us-russia-relations,strategic-stability'),
    (4, 'sergei-lavrov', 'paraphrase',
     'The United States and Russia have not yet finally agreed on the agenda of the talks.',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 1, 'us-russia-relations'),
    (5, 'sergei-lavrov', 'paraphrase',
     'Moscow is in favor of a dialogue on a wide range of issues related to strategic stability.',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 1, 'strategic-stability'),
    (6, 'sergei-lavrov', 'quote',
     'We have common interests in strategic stability. We have quite intensive contacts on this topic about how to approach this area of world politics now. I will say frankly that we are in favor of a comprehensive approach ... Everything that affects strategic stability should be the subject of dialogue.',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 1, 'strategic-stability'),
    (7, 'sergei-lavrov', 'quote',
     'The normalization of Russian-American relations is possible only if the principles of equality, mutual respect and non-interference in each other''s internal affairs are observed',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 0, 'normalization-of-relations,non-interference,us-russia-relations'),
    (8, 'sergei-lavrov', 'paraphrase',
     'Dialogue is better than no dialogue.',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 1, 'us-russia-relations'),
    (9, 'sergei-lavrov', 'quote',
     'However, if our American colleagues continue to follow their own propaganda, which deafens, among other things, the American elite, then we probably won''t have to wait much',
     'Conference in Moscow, on a Wednesday ahead of the 16 June 2021 Geneva summit; the article gives no exact date.', 0, 'us-russia-relations'),
    (10, 'antony-blinken', 'paraphrase',
     'Improving relations with Russia depends on Moscow''s behavior.',
     'Stated repeatedly in 2021, as the article reports without giving a date or occasion.', 0, 'normalization-of-relations,us-russia-relations');

INSERT INTO statements (official_id, text, kind, language, original_text, original_language, said_on, said_on_precision,
                        context, meeting_id, source_id, created_at, updated_at)
SELECT o.id, ss.text, ss.kind, 'en', NULL, NULL, '2021-01-01', 'year', ss.context,
       CASE WHEN ss.summit = 1 THEN (SELECT id FROM meetings WHERE slug = 'geneva-summit-2021') END,
       (SELECT max(id) FROM sources), @now, @now
FROM temp.sample_statements ss JOIN officials o ON o.slug = ss.speaker
ORDER BY ss.position;

INSERT INTO statement_topics (statement_id, topic_id, official_id)
SELECT s.id, t.id, s.official_id
FROM temp.sample_statements ss
JOIN statements s ON s.text = ss.text
JOIN topics t ON instr(',' || ss.topics || ',', ',' || t.slug || ',') > 0;

-- "By contrast, US Secretary of State Anthony Blinken has repeatedly stated…": the article sets Blinken's
-- statement (10) against Lavrov's conditions for normalisation (7).
INSERT INTO statement_relations (statement_id, type, target_id, created_at)
SELECT blinken.id, 'contradicts', lavrov.id, @now
FROM temp.sample_statements b JOIN statements blinken ON blinken.text = b.text,
     temp.sample_statements l JOIN statements lavrov ON lavrov.text = l.text
WHERE b.position = 10 AND l.position = 7;

DROP TABLE temp.sample_statements;

-- The sample rows are the first entries of the changes feed; SampleData.LoadAsync then records their first revisions.
INSERT INTO changes (resource, resource_id, action, version, at)
SELECT 'source', id, 'created', version, @now FROM sources
UNION ALL SELECT 'official', id, 'created', version, @now FROM officials
UNION ALL SELECT 'topic', id, 'created', version, @now FROM topics
UNION ALL SELECT 'meeting', id, 'created', version, @now FROM meetings
UNION ALL SELECT 'statement', id, 'created', version, @now FROM statements;
