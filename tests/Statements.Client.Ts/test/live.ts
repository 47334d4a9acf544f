// Where the live server is and the key for writes: CI exports STATEMENTS_API_KEY and serves on 127.0.0.1:5080.
import createClient from "openapi-fetch";
import type { paths } from "../generated/statements.d.ts";

export const baseUrl = process.env.STATEMENTS_BASE_URL ?? "http://127.0.0.1:5080";

export function statementsClient(withKey = true) {
  const key = process.env.STATEMENTS_API_KEY;
  if (withKey && !key) {
    throw new Error("Set STATEMENTS_API_KEY to a key made with `dotnet run --project src/Statements.Api -- keys create --name ...`.");
  }
  // The lists also answer CSV and NDJSON; typing only the JSON media types keeps a page a page.
  return createClient<paths, "application/json" | "application/problem+json">({ baseUrl, headers: withKey ? { Authorization: `Bearer ${key}` } : {} });
}
