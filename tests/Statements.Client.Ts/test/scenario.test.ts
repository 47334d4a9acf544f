// An integrator's session through openapi-fetch typed by openapi-typescript from the live server's document:
// create linked resources, page a filtered list by following next, read problems as typed errors, and update
// under If-Match. The same scenario as tests/Statements.Client.Tests in C#.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import type { components } from "../generated/statements.d.ts";
import { baseUrl, statementsClient } from "./live.ts";

type Statement = components["schemas"]["Statement"];
type StatementInput = components["schemas"]["StatementInput"];
type ValidationProblem = components["schemas"]["HttpValidationProblemDetails"];

/** A 400's problem carries the errors map; ProblemDetails allows extension members, so a guard tells them apart. */
function isValidationProblem(problem: unknown): problem is ValidationProblem {
  return typeof problem === "object" && problem !== null && typeof (problem as { errors?: unknown }).errors === "object";
}

const run = randomUUID().slice(0, 8);
const client = statementsClient();

/** Fails with the problem the server sent when a call did not succeed. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  assert.ok(result.data !== undefined, `${result.response.status} ${result.response.url}: ${JSON.stringify(result.error)}`);
  return result.data;
}

async function createMeetingWithStatements() {
  const official = ok(await client.POST("/api/v1/officials", {
    body: {
      slug: `ada-client-${run}`,
      name: "Ada Client",
      country: "GB",
      aliases: ["A. Client"],
      roles: [{ title: "Foreign Secretary", organization: "Foreign Office", country: "GB", start: "2020-01-01" }],
    },
  }));
  const topic = ok(await client.POST("/api/v1/topics", { body: { slug: `client-topic-${run}`, name: "Client topic", keywords: ["clients"] } }));
  const meeting = ok(await client.POST("/api/v1/meetings", {
    body: {
      slug: `client-talks-${run}`,
      title: "Client talks",
      kind: "press-conference",
      startsOn: "2024-03-01",
      endsOn: "2024-03-02",
      location: { city: "Geneva", country: "CH" },
      participantIds: [official.id],
      topicIds: [topic.id],
    },
  }));
  const statements: Statement[] = [];
  for (let i = 0; i < 5; i++) {
    statements.push(ok(await client.POST("/api/v1/statements", {
      body: {
        officialId: official.id,
        text: `Generated clients work unedited, part ${i}.`,
        kind: i % 2 === 0 ? "quote" : "paraphrase",
        language: "en",
        saidOn: `2024-03-0${i + 1}`,
        saidOnPrecision: i === 4 ? "month" : "day",
        context: "press conference",
        meetingId: meeting.id,
        topicIds: [topic.id],
      },
    })));
  }
  return { official, topic, meeting, statements };
}

const created = createMeetingWithStatements();

test("created resources come back linked", async () => {
  const { official, topic, meeting, statements } = await created;
  assert.equal(meeting.kind, "press-conference");
  assert.equal(meeting.location?.city, "Geneva");
  const last = statements[4]!;
  assert.equal(last.saidOnPrecision, "month");
  assert.equal(last.saidOn, "2024-03-01");
  assert.equal(last.speakerRole?.title, "Foreign Secretary");

  const full = ok(await client.GET("/api/v1/statements/{id}", { params: { path: { id: last.id }, query: { include: ["official", "meeting", "topics"] } } }));
  assert.equal(full.official.slug, official.slug);
  assert.equal(full.meeting?.slug, meeting.slug);
  assert.deepEqual(full.topics.map((t) => t.id), [topic.id]);

  const stats = ok(await client.GET("/api/v1/stats/statements", { params: { query: { groupBy: "kind", official: [official.slug] } } }));
  assert.equal(stats.total, 5);
  assert.equal(stats.items.find((g) => g.key === "quote")?.count, 3);
});

test("a filtered list is read to the end by following next", async () => {
  const { official, topic, statements } = await created;
  const seen: number[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = ok(await client.GET("/api/v1/statements", {
      params: { query: { official: [official.slug], topic: [topic.slug], limit: 2, ...(cursor ? { cursor } : {}) } },
    }));
    pages++;
    seen.push(...page.items.map((s) => s.id));
    cursor = undefined;
    if (page.next) {
      // next is a relative URL that keeps the filters and adds the cursor.
      const next = new URL(page.next, baseUrl);
      assert.equal(next.searchParams.get("official"), official.slug);
      assert.equal(next.searchParams.get("topic"), topic.slug);
      cursor = next.searchParams.get("cursor") ?? undefined;
      assert.ok(cursor);
    }
  } while (cursor);

  assert.equal(pages, 3);
  const newestFirst = [...statements].sort((a, b) => b.saidOn.localeCompare(a.saidOn) || b.id - a.id).map((s) => s.id);
  assert.deepEqual(seen, newestFirst);
});

test("a missing resource is a typed not-found problem", async () => {
  const { data, error, response } = await statementsClient(false).GET("/api/v1/officials/{idOrSlug}", {
    params: { path: { idOrSlug: `nobody-${run}` } },
  });
  assert.equal(data, undefined);
  assert.equal(response.status, 404);
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  assert.equal(error?.status, 404);
  assert.equal(error?.title, "Not Found");
  assert.match(error?.detail ?? "", new RegExp(`nobody-${run}`));
});

test("invalid input is a typed validation problem naming the field", async () => {
  const { official } = await created;
  const { error, response } = await client.POST("/api/v1/statements", {
    body: { officialId: official.id, text: "Said in no language.", kind: "quote", language: "English", saidOn: "2024-03-01" },
  });
  assert.equal(response.status, 400);
  assert.ok(isValidationProblem(error), JSON.stringify(error));
  assert.ok(error.errors["language"]?.length);
});

test("a write without a key is a typed unauthorized problem", async () => {
  const { error, response } = await statementsClient(false).POST("/api/v1/topics", { body: { slug: `keyless-${run}`, name: "Keyless" } });
  assert.equal(response.status, 401);
  assert.equal(error?.status, 401);
});

test("an update under If-Match succeeds once and a stale version is precondition failed", async () => {
  const { official, statements } = await created;
  const statement = statements[0]!;
  const read = await client.GET("/api/v1/statements/{id}", { params: { path: { id: statement.id } } });
  const etag = read.response.headers.get("ETag") ?? "";
  // The statement's version, then the versions of the official and topics it shows.
  assert.ok(etag.startsWith(`"${statement.version}-e`), etag);
  const input: StatementInput = {
    officialId: official.id,
    text: "Generated clients work unedited, corrected.",
    kind: "quote",
    language: "en",
    saidOn: statement.saidOn,
    topicIds: [],
  };
  const replace = () => client.PUT("/api/v1/statements/{id}", { params: { path: { id: statement.id }, header: { "If-Match": etag } }, body: input });

  const updated = ok(await replace());
  const stale = await replace();
  const patched = ok(await client.PATCH("/api/v1/statements/{id}", {
    params: { path: { id: statement.id }, header: { "If-Match": `"${updated.version}"` } },
    headers: { "Content-Type": "application/merge-patch+json" },
    body: { context: "corrected" },
  }));

  assert.equal(updated.version, statement.version + 1);
  assert.deepEqual(updated.topics, []);
  assert.equal(stale.response.status, 412);
  assert.equal(stale.error?.status, 412);
  assert.equal(patched.version, updated.version + 1);
  assert.equal(patched.context, "corrected");
  assert.equal(patched.text, updated.text);
});
