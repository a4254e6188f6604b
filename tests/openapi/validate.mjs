// Validates an OpenAPI 3.1 description: @apidevtools/swagger-parser checks it against the
// OpenAPI 3.1 JSON Schema with every $ref resolved (the draft-07 job schemas included); then
// every schema object is compiled by Ajv as JSON Schema 2020-12 in strict mode (a misspelt type
// or keyword is an error), and every path template's {names} must be the path parameters each
// of its operations declares. Usage: node validate.mjs schemas/openapi.yaml
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// Keywords OpenAPI 3.1 adds to JSON Schema.
const ajv = new Ajv2020({ strict: true, validateFormats: false, allowUnionTypes: true });
for (const keyword of ["discriminator", "xml", "externalDocs", "example"]) ajv.addKeyword(keyword);

function checkSchemas(node, where, problems) {
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    const at = `${where}/${key}`;
    if (key === "schema" && value && typeof value === "object" && !Array.isArray(value)) {
      // A referenced document in another dialect (the draft-07 job schemas) is checked by the
      // project's own schema tests.
      if (value.$schema && !String(value.$schema).includes("2020-12")) continue;
      try {
        ajv.compile(value);
      } catch (error) {
        problems.push(`${at}: ${error.message}`);
      }
      continue;
    }
    checkSchemas(value, at, problems);
  }
}

function checkPathParameters(api, problems) {
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    const named = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const method of METHODS.filter((m) => item[m])) {
      const declared = [...(item.parameters ?? []), ...(item[method].parameters ?? [])]
        .filter((p) => p.in === "path")
        .map((p) => p.name)
        .sort();
      if (JSON.stringify(named) !== JSON.stringify(declared))
        problems.push(`${method.toUpperCase()} ${path}: path parameters [${declared}] but the path names [${named}]`);
    }
  }
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs OPENAPI_FILE");
  process.exit(2);
}
try {
  await SwaggerParser.validate(file);
  const api = await SwaggerParser.dereference(file);
  if (!String(api.openapi).startsWith("3.1.")) throw new Error(`it declares OpenAPI ${api.openapi}, not 3.1`);
  const problems = [];
  checkSchemas(api.paths, "#/paths", problems);
  checkSchemas(api.components, "#/components", problems);
  for (const [name, schema] of Object.entries(api.components?.schemas ?? {})) checkSchemas({ schema }, `#/components/schemas/${name}`, problems);
  checkPathParameters(api, problems);
  if (problems.length) throw new Error(problems.join("\n  "));
  const operations = Object.values(api.paths).reduce((n, item) => n + METHODS.filter((m) => item[m]).length, 0);
  console.log(`${file}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths, ${operations} operations`);
} catch (error) {
  console.error(`${file}: not valid: ${error.message}`);
  process.exit(1);
}
