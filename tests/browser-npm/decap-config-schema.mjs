// Writes Decap CMS's own configuration schema (decap-cms-core's constants/configSchema.js, with the
// schemas of the widgets copsite uses) as JSON, for tests/test_editor.py to validate against with
// Python's jsonschema. Run: node tests/browser-npm/decap-config-schema.mjs > tests/data/decap-config-schema.json
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const nm = path.join(here, "node_modules");
const widgets = ["select", "list", "object", "datetime", "number", "markdown", "string", "boolean"];
let stubs = `
const frontmatterFormats = ['yaml-frontmatter', 'toml-frontmatter', 'json-frontmatter'];
const extensionFormatters = {yml: 1, yaml: 1, toml: 1, json: 1, md: 1, markdown: 1, html: 1};
const I18N_STRUCTURE = {MULTIPLE_FOLDERS: 'multiple_folders', MULTIPLE_FILES: 'multiple_files', SINGLE_FILE: 'single_file'};
const I18N_FIELD = {TRANSLATE: 'translate', DUPLICATE: 'duplicate', NONE: 'none'};
const __widgets = [];
`;
for (const w of widgets) {
  const file = path.join(nm, `decap-cms-widget-${w}`, "dist", "esm", "schema.js");
  const schema = fs.existsSync(file)
    ? fs.readFileSync(file, "utf8").replace("export default", "return")
    : "return {};";
  stubs += `__widgets.push({name: ${JSON.stringify(w)}, schema: (function () { ${schema} })()});\n`;
}
stubs += "const getWidgets = () => __widgets;\n";
const source = fs
  .readFileSync(path.join(nm, "decap-cms-core", "dist", "esm", "constants", "configSchema.js"), "utf8")
  .replace(/^import .*$/gm, "")
  .replace(/export function validateConfig[\s\S]*$/, "");
const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "decap-schema-")), "schema.mjs");
fs.writeFileSync(tmp, stubs + source + "\nexport { getConfigSchema };\n");
const { getConfigSchema } = await import(pathToFileURL(tmp));
process.stdout.write(JSON.stringify(getConfigSchema(), null, 1) + "\n");
