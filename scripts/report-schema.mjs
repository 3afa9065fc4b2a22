#!/usr/bin/env node
/**
 * Generates docs/report.schema.json (JSON Schema draft-07) from the one definition of the report format: the
 * TypeScript types of src/format/ (`DriftlabReportJSON`, the union of every kind), with ts-json-schema-generator.
 * TSDoc comments become `description`s. Two rules of the format are applied on top:
 * - a `number` may be `null`: JSON has no NaN, and reports write a non-finite statistic as null;
 * - the root dispatches on `kind` (if kind is "drift" then the drift definition), so a validation error names the
 *   field of the right kind instead of listing every kind's mismatch.
 *
 * Usage: node scripts/report-schema.mjs          writes docs/report.schema.json
 *        node scripts/report-schema.mjs --check  exits 1 when the committed file differs (test/format runs this)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createGenerator } from "ts-json-schema-generator";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA_PATH = resolve(ROOT, "docs/report.schema.json");

/** Lets every `number` be null as well (NaN is written as null). */
function allowNullNumbers(node) {
  if (Array.isArray(node)) {
    node.forEach(allowNullNumbers);
    return;
  }
  if (node === null || typeof node !== "object") return;
  if (node.type === "number" || node.type === "integer") node.type = [node.type, "null"];
  else if (Array.isArray(node.type) && node.type.includes("number") && !node.type.includes("null")) {
    node.type = [...node.type, "null"];
  }
  for (const value of Object.values(node)) allowNullNumbers(value);
}

/** The report JSON Schema, generated from src/format/. */
export function reportSchema() {
  const generator = createGenerator({
    path: resolve(ROOT, "src/format/index.ts"),
    tsconfig: resolve(ROOT, "tsconfig.json"),
    type: "DriftlabReportJSON",
    expose: "export",
    topRef: true,
    jsDoc: "extended",
    sortProps: true,
    strictTuples: true,
    additionalProperties: false,
    skipTypeCheck: true,
  });
  const generated = generator.createSchema("DriftlabReportJSON");
  const definitions = generated.definitions;
  const kinds = definitions.DriftlabReportJSON.anyOf.map((member) => {
    const name = member.$ref.replace("#/definitions/", "");
    const kind = definitions[name].properties.kind.const;
    if (typeof kind !== "string") throw new Error(`${name}: its "kind" must be a string literal`);
    return { kind, name };
  });
  delete definitions.DriftlabReportJSON;
  allowNullNumbers(definitions);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://driftlab.dev/schema/report.v1.json",
    title: "driftlab report, format version 1",
    description:
      "Generated from src/format/ by scripts/report-schema.mjs (do not edit by hand; run `npm run schema`). " +
      "See docs/report-format.md.",
    type: "object",
    required: ["format", "version", "kind", "verdict"],
    properties: { kind: { enum: kinds.map((k) => k.kind) } },
    allOf: kinds.map(({ kind, name }) => ({
      if: { properties: { kind: { const: kind } }, required: ["kind"] },
      then: { $ref: `#/definitions/${name}` },
    })),
    definitions,
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = JSON.stringify(reportSchema(), null, 2) + "\n";
  if (process.argv.includes("--check")) {
    if (readFileSync(SCHEMA_PATH, "utf8") !== text) {
      console.error("docs/report.schema.json is out of date: run `npm run schema`.");
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_PATH, text);
    console.log(`wrote ${SCHEMA_PATH}`);
  }
}
