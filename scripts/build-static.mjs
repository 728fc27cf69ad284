// Copies the pinned NL Design System (Utrecht) CSS and design tokens, and htmx, from node_modules
// into static/vendor, so the site serves them itself: no CDN, nothing fetched at run time.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = [
  ["@utrecht/component-library-css/dist/index.css", "utrecht/component-library.css"],
  ["@utrecht/design-tokens/dist/theme.css", "utrecht/design-tokens.css"],
  ["@utrecht/component-library-css/LICENSE.md", "utrecht/LICENSE-component-library.md"],
  ["@utrecht/design-tokens/LICENSE.md", "utrecht/LICENSE-design-tokens.md"],
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["htmx.org/LICENSE", "htmx/LICENSE"],
];

for (const [source, target] of files) {
  const destination = join(root, "static", "vendor", target);
  mkdirSync(dirname(destination), { recursive: true });
  copyFileSync(join(root, "node_modules", source), destination);
}
console.log(`Copied ${files.length} front-end files into static/vendor/.`);
